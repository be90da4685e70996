import { useState } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_LABELS, type RequestCategory } from '@honglin/types/request';
import type { HouseholdView } from '@honglin/types/household';
import { DATE_WINDOWS, shanghai } from '@honglin/types/time';
import { orgApi } from '@/api/org';
import { visitApi } from '@/api/visit';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { dayLabel } from '@/lib/datetime';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { useNeighbourhoods } from './neighbourhoods';
import { NotVisitedList, householdLine } from './NotVisitedList';
import '@/components/request/request.scss';

const HEAD_ROLES = ['neighbour_head', 'group_head', 'block_head'];

interface ProblemLine {
  category: RequestCategory;
  text: string;
}

/** 访一访: log a visit to a household of the head's unit (picked, or added when missing), see who is not visited yet. */
export default function VisitPage() {
  const { query, reload } = useMe();
  const [chosen, setChosen] = useState('');
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const units = me.roles.filter((g) => HEAD_ROLES.includes(g.role));
        if (units.length === 0) return <Text className="rq-note">只有片长、组长、邻长可以记录走访。</Text>;
        const unitId = units.some((u) => u.unitId === chosen) ? chosen : units[0].unitId;
        return (
          <View>
            {units.length > 1 && (
              <View className="rq-chips">
                {units.map((u) => (
                  <Chip key={u.unitId} area="rq" on={u.unitId === unitId} onTap={() => setChosen(u.unitId)}>
                    {u.unitName}
                  </Chip>
                ))}
              </View>
            )}
            <VisitForm key={unitId} unitId={unitId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function VisitForm({ unitId }: { unitId: string }) {
  const visits = useQuery(() => visitApi.list({}), []);
  const [version, setVersion] = useState(0);
  const [household, setHousehold] = useState<HouseholdView | null>(null);
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
    if (!household) return setMessage('请先选择走访的是哪一户');
    setBusy(true);
    setMessage('');
    setDone('');
    const answer = await visitApi.log({
      requestId,
      unitId,
      household: { householdId: household._id },
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
        : `已记录对“${household.headName}”户的走访`,
    );
    setHousehold(null);
    setDiscussed('');
    setProblems([]);
    setHelped(false);
    setDate(today);
    setRequestId(newRequestId());
    setVersion((v) => v + 1);
    visits.reload();
  }

  const pick = (h: HouseholdView) => {
    setHousehold(h);
    setDone('');
    setMessage('');
  };

  return (
    <View>
      <View className="rq-card">
        <Text className="rq-title">记一次走访</Text>
        <Text className="rq-label">走访了哪一户？</Text>
        {household ? (
          <View className="rq-row" onClick={() => setHousehold(null)}>
            <Text>{householdLine(household)}</Text>
            <Text className="rq-state">换一户</Text>
          </View>
        ) : (
          <HouseholdPicker unitId={unitId} onPick={pick} />
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

      <NotVisitedList unitId={unitId} version={version} onPick={pick} />

      <View className="rq-section">
        <Text className="rq-title">本月走访</Text>
        {visits.query.status === 'success' && (
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
  );
}

/** Finds a household of the unit by the head of household's name or the house number; adds one that is missing. */
function HouseholdPicker({ unitId, onPick }: { unitId: string; onPick: (h: HouseholdView) => void }) {
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const { query } = useQuery(
    () => orgApi.listHouseholds({ unitId, search: search.trim() || undefined, size: 8 }),
    [unitId, search],
  );
  return (
    <View>
      <Input
        className="rq-input"
        value={search}
        placeholder="输入户主姓名或门牌号查找"
        onInput={(e) => setSearch(e.detail.value)}
      />
      {query.status === 'loading' && <Text className="rq-note">正在查找…</Text>}
      {query.status === 'error' && <Text className="rq-error">{query.error.message}</Text>}
      {query.status === 'success' && query.data.items.length === 0 && (
        <Text className="rq-note">{search.trim() ? '没有找到这一户' : '本单位还没有农户记录'}</Text>
      )}
      {query.status === 'success' &&
        query.data.items.map((h) => (
          <View key={h._id} className="rq-row" onClick={() => onPick(h)}>
            <Text>{householdLine(h)}</Text>
            <Text className="rq-state">选这户</Text>
          </View>
        ))}
      {adding ? (
        <NewHousehold unitId={unitId} headName={search.trim()} onAdded={onPick} />
      ) : (
        <Button className="rq-button" size="large" onClick={() => setAdding(true)}>
          名单里没有？添加新户
        </Button>
      )}
    </View>
  );
}

/** A household the head meets that is not on the village's list yet: added to its 邻 (org.saveHousehold), then picked. */
function NewHousehold({
  unitId,
  headName: typed,
  onAdded,
}: {
  unitId: string;
  headName: string;
  onAdded: (h: HouseholdView) => void;
}) {
  const { query, options } = useNeighbourhoods(unitId);
  const [neighbourhood, setNeighbourhood] = useState('');
  const [headName, setHeadName] = useState(typed);
  const [address, setAddress] = useState('');
  const [requestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const target = options.length === 1 ? options[0].id : neighbourhood;

  async function add() {
    if (!target) return setMessage('请选择这户所在的邻');
    setBusy(true);
    setMessage('');
    const answer = await orgApi.saveHousehold({ requestId, unitId: target, headName, address: address.trim() });
    setBusy(false);
    if (!answer.ok) return setMessage(answer.error.message);
    onAdded(answer.data);
  }

  return (
    <View className="rq-card">
      <Text className="rq-title">添加新户</Text>
      {options.length > 1 && (
        <View className="rq-chips">
          {options.map((o) => (
            <Chip key={o.id} area="rq" on={o.id === neighbourhood} onTap={() => setNeighbourhood(o.id)}>
              {o.label}
            </Chip>
          ))}
        </View>
      )}
      <Text className="rq-label">户主姓名</Text>
      <Input className="rq-input" value={headName} maxlength={20} onInput={(e) => setHeadName(e.detail.value)} />
      <Text className="rq-label">门牌号或地址（可不填）</Text>
      <Input className="rq-input" value={address} maxlength={60} onInput={(e) => setAddress(e.detail.value)} />
      {message && <Text className="rq-error">{message}</Text>}
      {query.status === 'error' && <Text className="rq-error">{query.error.message}</Text>}
      {query.status === 'success' && (
        <Button className="rq-button" type="primary" size="large" loading={busy} onClick={add}>
          添加并选这户
        </Button>
      )}
    </View>
  );
}
