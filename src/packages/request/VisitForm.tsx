import { useState } from 'react';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { HouseholdView } from '@honglin/types/household';
import { DATE_WINDOWS, shanghai } from '@honglin/types/time';
import { visitApi } from '@/api/visit';
import { Chip } from '@/components/Chip';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { NotVisitedList, householdLine } from './NotVisitedList';
import { HouseholdPicker } from './HouseholdPicker';
import { ProblemFields, VisitsThisMonth, type ProblemLine } from './VisitParts';

/** 记一次走访: which household, which day, what was talked about, problems raised (each becomes a request). */
export function VisitForm({ unitId }: { unitId: string }) {
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
        <ProblemFields problems={problems} onChange={setProblems} />
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

      <VisitsThisMonth query={visits.query} />
    </View>
  );
}
