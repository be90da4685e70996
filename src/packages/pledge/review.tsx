import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import type { PledgeState } from '@honglin/types/pledge';
import { PageShell } from '@/components/PageShell';
import { PledgeCard } from '@/pages/pledges/PledgeCard';
import { PledgeList } from '@/pages/pledges/PledgeList';
import { pledgeRolesOf } from '@/pages/pledges/roles';
import { useMe } from '@/pages/pledges/useMe';
import { usePledgeList } from '@/pages/pledges/usePledgeList';
import { useReturnReload } from '@/pages/pledges/useReturnReload';
import '@/pages/pledges/pledge.scss';

/** The secretary's queues: what waits for review, for appraisal, what is overdue, and everything. */
const QUEUES: { label: string; state?: PledgeState; overdue?: boolean }[] = [
  { label: '待审核', state: 'submitted' },
  { label: '待评议', state: 'completed' },
  { label: '已逾期', overdue: true },
  { label: '全部' },
];

export default function PledgeReviewPage() {
  const { query, reload } = useMe();
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const branchIds = pledgeRolesOf(me.roles).secretaryBranchIds;
        return branchIds.length === 0 ? (
          <Text className="pl-note">只有支部书记可以审核和评议承诺。</Text>
        ) : (
          <Queues branchIds={branchIds} />
        );
      }}
    </PageShell>
  );
}

function Queues({ branchIds }: { branchIds: string[] }) {
  const [branchId, setBranchId] = useState(branchIds[0]);
  const [queue, setQueue] = useState(0);
  const { state, overdue } = QUEUES[queue];
  const list = usePledgeList({ scope: 'branch', branchId, state, overdue });
  useReturnReload(list.reload);
  return (
    <View>
      {branchIds.length > 1 && (
        <View className="pl-chips">
          {branchIds.map((b, i) => (
            <Text key={b} className={`pl-chip${branchId === b ? ' pl-chip--on' : ''}`} onClick={() => setBranchId(b)}>
              第{i + 1}个支部
            </Text>
          ))}
        </View>
      )}
      <View className="pl-chips">
        {QUEUES.map((q, i) => (
          <Text key={q.label} className={`pl-chip${queue === i ? ' pl-chip--on' : ''}`} onClick={() => setQueue(i)}>
            {q.label}
          </Text>
        ))}
      </View>
      <PledgeList
        list={list}
        emptyText="这里没有承诺"
        renderItem={(p) => (
          <PledgeCard
            key={p.id}
            pledge={p}
            showOwner
            onOpen={() => navigateTo({ url: `/packages/pledge/detail?id=${p.id}` })}
          />
        )}
      />
    </View>
  );
}
