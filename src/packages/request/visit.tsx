import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@honglin/types/request';
import type { HouseholdView, VisitList } from '@honglin/types/visit';
import { DATE_WINDOWS, shanghai } from '@honglin/types/time';
import { visitApi } from '@/api/visit';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { dayLabel } from '@/lib/datetime';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import '@/components/request/request.scss';

interface ProblemLine {
  category: RequestCategory;
  text: string;
}

/** 访一访: log a visit (each problem raised becomes a request), see who is not visited yet this month. */
export default function VisitPage() {
  const notVisited = useQuery(() => visitApi.list({ view: 'notVisited' }), []);
  const visits = useQuery(() => visitApi.list({ view: 'visits' }), []);
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  const [name, setName] = useState('');
  const [discussed, setDiscussed] = useState('');
  const [problems, setProblems] = useState<ProblemLine[]>([]);
  const today = shanghai().format('YYYY-MM-DD');
  // The day of the visit: today, or a day within the back-dating window when it is logged later.
  const [date, setDate] = useState(today);
  const [helped, setHelped] = useState(false);
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [done, setDone] = useState('');

  const setProblem = (i: number, patch: Partial<ProblemLine>) =>
    setProblems(problems.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  async function save() {
    if (!household && !name.trim()) return setMessage('请选择或填写走访的住户');
    setBusy(true);
    setMessage('');
    setDone('');
    const answer = await visitApi.log({
      requestId,
      household: household ? { userId: household.userId } : { name: name.trim() },
      date,
      discussed,
      helpedOnSpot: helped,
      problems: problems.filter((p) => p.text.trim().length > 0),
    });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error.message);
    setDone(
      answer.data.requestIds.length > 0
        ? `已记录，反映的${answer.data.requestIds.length}个问题已转为诉求，等待签收办理`
        : '已记录这次走访',
    );
    setHousehold(null);
    setName('');
    setDiscussed('');
    setProblems([]);
    setHelped(false);
    setDate(today);
    setRequestId(newRequestId());
    notVisited.reload();
    visits.reload();
  }

  return (
    <PageShell query={notVisited.query} onRetry={notVisited.reload}>
      {(waiting: VisitList) => (
        <View>
          <View className="rq-card">
            <Text className="rq-title">记一次走访</Text>
            <Text className="rq-label">走访了哪一户？</Text>
            {household ? (
              <View className="rq-row" onClick={() => setHousehold(null)}>
                <Text>{household.name}</Text>
                <Text className="rq-state">换一户</Text>
              </View>
            ) : (
              <Input
                className="rq-input"
                value={name}
                placeholder="点下面名单选择，或在这里写户主姓名"
                onInput={(e) => setName(e.detail.value)}
              />
            )}
            <View className="rq-field" />
            <Text className="rq-label">哪天走访的？</Text>
            <Picker
              mode="date"
              value={date}
              start={shanghai().subtract(DATE_WINDOWS.visit.yearsBack, 'year').format('YYYY-MM-DD')}
              end={today}
              onChange={(e) => setDate(e.detail.value)}
            >
              <View className="rq-row">
                <Text>{date === today ? `今天（${date}）` : date}</Text>
                <Text className="rq-state">改日期</Text>
              </View>
            </Picker>
            <View className="rq-field" />
            <Text className="rq-label">聊了些什么？</Text>
            <Textarea
              className="rq-textarea"
              value={discussed}
              placeholder="家里情况、生产生活、意见建议"
              onInput={(e) => setDiscussed(e.detail.value)}
            />
            <View className="rq-field" />
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
            <View className="rq-chips">
              <Chip area="rq" on={helped} onTap={() => setHelped(!helped)}>
                当场帮办了（帮一帮）
              </Chip>
            </View>
            {message && <Text className="rq-error">{message}</Text>}
            {done && <Text className="rq-done">{done}</Text>}
            <View className="rq-actions">
              {problems.length < 5 && (
                <Button
                  className="rq-button"
                  size="large"
                  onClick={() => setProblems([...problems, { category: 'help', text: '' }])}
                >
                  ＋ 添加问题
                </Button>
              )}
              <Button className="rq-button" type="primary" size="large" loading={busy} onClick={save}>
                保存走访
              </Button>
            </View>
          </View>

          {waiting.view === 'notVisited' && (
            <View className="rq-section">
              <Text className="rq-title">
                本月还没走访（{waiting.households.length}/{waiting.total}户）
              </Text>
              {waiting.households.length === 0 && <Text className="rq-note">本月已全部走访，辛苦了！</Text>}
              {waiting.households.map((h) => (
                <View key={h.userId} className="rq-row" onClick={() => setHousehold(h)}>
                  <Text>{h.name}</Text>
                  <Text className="rq-state">记走访</Text>
                </View>
              ))}
            </View>
          )}

          <View className="rq-section">
            <Text className="rq-title">本月走访</Text>
            {visits.query.status === 'success' && visits.query.data.view === 'visits' && (
              <View>
                {visits.query.data.items.length === 0 && <Text className="rq-note">本月还没有走访记录</Text>}
                {visits.query.data.items.map((v) => (
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
        </View>
      )}
    </PageShell>
  );
}
