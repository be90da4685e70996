import { Text, Textarea, View } from '@tarojs/components';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@honglin/types/request';
import type { VisitList } from '@honglin/types/visit';
import { Chip } from '@/components/Chip';
import { dayLabel } from '@/lib/datetime';
import type { QueryState } from '@/lib/useQuery';

/** A problem the household raised on the visit: it becomes a request of the household's 邻. */
export interface ProblemLine {
  category: RequestCategory;
  text: string;
}

/** 反映的问题 1, 2 …: a category and what the problem is, for each problem added. */
export function ProblemFields({
  problems,
  onChange,
}: {
  problems: ProblemLine[];
  onChange: (problems: ProblemLine[]) => void;
}) {
  const setProblem = (i: number, patch: Partial<ProblemLine>) =>
    onChange(problems.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <>
      {problems.map((p, i) => (
        <View key={i} className="rq-field">
          <Text className="rq-label">反映的问题 {i + 1}</Text>
          <View className="rq-chips">
            {REQUEST_CATEGORIES.filter((c) => c !== 'enterprise' && c !== 'dispute').map((c) => (
              <Chip key={c} area="rq" on={p.category === c} onTap={() => setProblem(i, { category: c })}>
                {REQUEST_CATEGORY_LABELS[c]}
              </Chip>
            ))}
          </View>
          <Textarea
            className="rq-textarea"
            value={p.text}
            placeholder="问题是什么"
            onInput={(e) => setProblem(i, { text: e.detail.value })}
          />
        </View>
      ))}
    </>
  );
}

/** 本月走访: the head's visits of this month, newest first, with the problems each one raised. */
export function VisitsThisMonth({ query }: { query: QueryState<VisitList> }) {
  return (
    <View className="rq-section">
      <Text className="rq-title">本月走访</Text>
      {query.status === 'success' && (
        <View>
          {query.data.items.length === 0 && <Text className="rq-note">本月还没有走访记录</Text>}
          {query.data.items.map((v) => (
            <View key={v._id} className="rq-card">
              <Text className="rq-card__category">
                {v.householdName} · {dayLabel(v.date)}
              </Text>
              <Text className="rq-card__text">{v.discussed}</Text>
              {v.problems.map((p) => (
                <Text key={p.requestId} className="rq-card__line">
                  {REQUEST_CATEGORY_LABELS[p.category]}：{p.text}
                </Text>
              ))}
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
