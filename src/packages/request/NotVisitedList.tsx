import { Text, View } from '@tarojs/components';
import type { HouseholdView } from '@honglin/types/household';
import { visitApi } from '@/api/visit';
import { useQuery } from '@/lib/useQuery';

/** One household as a head finds it at the door: the head of household, the house number, the 邻. */
export function householdLine(h: HouseholdView): string {
  return [h.headName, h.address, h.unitName].filter(Boolean).join(' · ');
}

/**
 * 本月未走访: the unit's open households nobody visited in the month, by 邻, house number and name (never by
 * anything about the people). `onPick` makes each row a way to log a visit to it; `version` reloads it.
 */
export function NotVisitedList({
  unitId,
  month,
  version = 0,
  onPick,
}: {
  unitId: string;
  month?: string;
  version?: number;
  onPick?: (household: HouseholdView) => void;
}) {
  const { query } = useQuery(() => visitApi.notVisited({ unitId, month }), [unitId, month, version]);
  if (query.status === 'loading') return <Text className="rq-note">正在加载…</Text>;
  if (query.status === 'error') return <Text className="rq-error">{query.error.message}</Text>;
  const { households, total } = query.data;
  return (
    <View className="rq-section rq-not-visited">
      <Text className="rq-title">
        {month ? `${month} ` : '本月'}还没走访（{households.length}/{total}户）
      </Text>
      {total === 0 && <Text className="rq-note">还没有农户记录：村里导入农户名册，或在走访时添加新户。</Text>}
      {total > 0 && households.length === 0 && <Text className="rq-note">已全部走访，辛苦了！</Text>}
      {households.map((h) => (
        <View key={h._id} className="rq-row" onClick={onPick ? () => onPick(h) : undefined}>
          <Text>{householdLine(h)}</Text>
          {onPick && <Text className="rq-state">记走访</Text>}
        </View>
      ))}
    </View>
  );
}
