import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { setClipboardData } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { Period } from '@honglin/types/stats';
import { statsApi } from '@/api/stats';
import { Chip } from '@/components/Chip';
import { useQuery } from '@/lib/useQuery';
import { currentPeriod } from './period';
import { ExportCard } from './ExportCard';
import { Figures } from './Figures';
import { PeriodPicker } from './PeriodPicker';

interface Choice {
  unitId: string;
  name: string;
}

/** One unit's figures for one period: the unit and period chosen, the written summary, the figures and the export. */
export function Board({ home }: { home: string }) {
  const [unitId, setUnitId] = useState(home);
  const [period, setPeriod] = useState<Period>(currentPeriod('month'));
  const [choices, setChoices] = useState<Choice[]>([]);
  const key = JSON.stringify(period);
  const board = useQuery(async () => {
    const answer = await statsApi.dashboard({ unitId, period });
    // The villages to switch between come with the home unit's dashboard.
    if (answer.ok && unitId === home && choices.length === 0) {
      setChoices([
        { unitId: home, name: answer.data.unit.name },
        // The town organs' row is the town's own records: not a unit to switch to.
        ...answer.data.units.filter((u) => !u.townOrgans).map((u) => ({ unitId: u.unitId, name: u.name })),
      ]);
    }
    return answer;
  }, [unitId, key]);
  const summary = useQuery(() => statsApi.summary({ unitId, period }), [unitId, key]);

  return (
    <View className="st-board">
      {choices.length > 1 && (
        <View className="st-chips">
          {choices.map((c) => (
            <Chip key={c.unitId} area="st" on={c.unitId === unitId} onTap={() => setUnitId(c.unitId)}>
              {c.unitId === home ? `${c.name}（全部）` : c.name}
            </Chip>
          ))}
        </View>
      )}
      <PeriodPicker period={period} onChange={setPeriod} />
      {board.query.status === 'loading' && <Text className="st-note">正在统计…</Text>}
      {board.query.status === 'error' && (
        <View>
          <Text className="st-error">{board.query.error.message}</Text>
          <Button size="large" onClick={board.reload}>
            重试
          </Button>
        </View>
      )}
      {board.query.status === 'success' && <Figures board={board.query.data} home={home} />}
      <View className="st-card">
        <Text className="st-section-title">工作小结</Text>
        {summary.query.status === 'success' ? (
          <View>
            <Text className="st-summary" userSelect>
              {summary.query.data.text}
            </Text>
            <Button
              className="st-button"
              size="large"
              onClick={() =>
                setClipboardData({ data: summary.query.status === 'success' ? summary.query.data.text : '' })
              }
            >
              复制小结
            </Button>
          </View>
        ) : (
          <Text className="st-note">
            {summary.query.status === 'error' ? summary.query.error.message : '正在生成…'}
          </Text>
        )}
      </View>
      <ExportCard unitId={unitId} period={period} />
    </View>
  );
}
