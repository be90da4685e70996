import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { shanghai } from '@honglin/types/time';
import { visitApi } from '@/api/visit';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import '@/pages/requests/request.scss';

const MONTHS = [shanghai().format('YYYY-MM'), shanghai().subtract(1, 'month').format('YYYY-MM')];

/** 走访覆盖: each head's households visited this month out of their unit's households. A list by unit, not a ranking. */
export default function CoveragePage() {
  const villageId = useRouter().params.villageId ?? '';
  const [month, setMonth] = useState(MONTHS[0]);
  const { query, reload } = useQuery(() => visitApi.coverage({ villageId, month }), [villageId, month]);
  return (
    <PageShell
      query={query}
      onRetry={reload}
      isEmpty={(c) => c.rows.length === 0}
      emptyText="这个村还没有邻长、组长、片长"
    >
      {(coverage) => (
        <View>
          <View className="rq-chips">
            {MONTHS.map((m, i) => (
              <Text key={m} className={`rq-chip${month === m ? ' rq-chip--on' : ''}`} onClick={() => setMonth(m)}>
                {i === 0 ? '本月' : '上月'}
              </Text>
            ))}
          </View>
          <Text className="rq-note">按片、组、邻排列，用来看哪里还需要去走访，不做排名。</Text>
          {coverage.rows.map((r) => (
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
      )}
    </PageShell>
  );
}
