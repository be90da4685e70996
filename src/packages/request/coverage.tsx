import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { shanghai } from '@honglin/types/time';
import type { TreeAnswer } from '@honglin/types/org-api';
import { callCloud } from '@/api/transport';
import { visitApi } from '@/api/visit';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import '@/pages/requests/request.scss';

const MONTHS = [shanghai().format('YYYY-MM'), shanghai().subtract(1, 'month').format('YYYY-MM')];

/** 走访覆盖: each head's households visited this month out of their unit's households. A list by unit, not a ranking. */
export default function CoveragePage() {
  const given = useRouter().params.villageId ?? '';
  // The town picks a village; a village admin or secretary comes with theirs.
  const villages = useQuery(
    () =>
      given ? Promise.resolve({ ok: true as const, data: null }) : callCloud<TreeAnswer>('org', 'tree', { depth: 1 }),
    [given],
  );
  const [chosen, setChosen] = useState('');
  const villageId = given || chosen;
  return (
    <PageShell>
      {villages.query.status === 'success' && villages.query.data && (
        <View className="rq-chips">
          {villages.query.data.units.map((u) => (
            <Chip key={u._id} area="rq" on={villageId === u._id} onTap={() => setChosen(u._id)}>
              {u.name}
            </Chip>
          ))}
        </View>
      )}
      {villageId ? <VillageCoverage villageId={villageId} /> : <Text className="rq-note">请选择一个村（社区）</Text>}
    </PageShell>
  );
}

function VillageCoverage({ villageId }: { villageId: string }) {
  const [month, setMonth] = useState(MONTHS[0]);
  const { query } = useQuery(() => visitApi.coverage({ villageId, month }), [villageId, month]);
  return (
    <View>
      <View className="rq-chips">
        {MONTHS.map((m, i) => (
          <Chip key={m} area="rq" on={month === m} onTap={() => setMonth(m)}>
            {i === 0 ? '本月' : '上月'}
          </Chip>
        ))}
      </View>
      <Text className="rq-note">按片、组、邻排列，用来看哪里还需要去走访，不做排名。</Text>
      {query.status === 'loading' && <Text className="rq-note">正在加载…</Text>}
      {query.status === 'error' && <Text className="rq-error">{query.error.message}</Text>}
      {query.status === 'success' && query.data.rows.length === 0 && (
        <Text className="rq-note">这个村还没有邻长、组长、片长</Text>
      )}
      {query.status === 'success' &&
        query.data.rows.map((r) => (
          <View key={`${r.unitId}-${r.headName}`} className="rq-row">
            <Text>
              {r.unitName} · {r.roleLabel} {r.headName}
            </Text>
            <Text>
              已走访 {r.visited}/{r.households} 户
            </Text>
          </View>
        ))}
    </View>
  );
}
