import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PledgeState } from '@honglin/types/pledge';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { BranchChips } from '@/components/pledge/BranchChips';
import { PledgeCard } from '@/components/pledge/PledgeCard';
import { PledgeList } from '@/components/pledge/PledgeList';
import { pledgeRolesOf, type BranchChoice } from '@/lib/pledgeRoles';
import { pledgeApi } from '@/api/pledge';
import { usePagedList } from '@/hooks/usePagedList';
import { useReturnReload } from '@/hooks/useReturnReload';
import '@/components/pledge/pledge.scss';

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
        const branches = pledgeRolesOf(me.roles).secretaryBranches;
        return branches.length === 0 ? (
          <Text className="pl-note">只有支部书记可以审核和评议承诺。</Text>
        ) : (
          <Queues branches={branches} />
        );
      }}
    </PageShell>
  );
}

function Queues({ branches }: { branches: BranchChoice[] }) {
  const [branchId, setBranchId] = useState(branches[0].id);
  const [queue, setQueue] = useState(0);
  const [owner, setOwner] = useState<{ id: string; name: string } | undefined>();
  const { state, overdue } = QUEUES[queue];
  const list = usePagedList(pledgeApi.list, { scope: 'branch', branchId, state, overdue, ownerId: owner?.id });
  // 按党员看: the members of the pledges on screen (one tap narrows the list to one member's pledges).
  const members = new Map<string, string>();
  for (const p of list.items) if (p.ownerId) members.set(p.ownerId, p.ownerName);
  useReturnReload(list.reload);
  return (
    <View>
      {branches.length > 1 && <BranchChips branches={branches} branchId={branchId} onChoose={setBranchId} />}
      <View className="pl-chips">
        {QUEUES.map((q, i) => (
          <Chip key={q.label} area="pl" on={queue === i} onTap={() => setQueue(i)}>
            {q.label}
          </Chip>
        ))}
      </View>
      {(owner || members.size > 1) && (
        <View className="pl-chips">
          <Chip area="pl" on={!owner} onTap={() => setOwner(undefined)}>
            全部党员
          </Chip>
          {owner ? (
            <Chip area="pl" on>
              {owner.name}
            </Chip>
          ) : (
            [...members].map(([id, name]) => (
              <Chip key={id} area="pl" on={false} onTap={() => setOwner({ id, name })}>
                {name}
              </Chip>
            ))
          )}
        </View>
      )}
      <PledgeList
        list={list}
        emptyText="这里没有承诺"
        renderItem={(p) => <PledgeCard key={p.id} pledge={p} showOwner linked />}
      />
    </View>
  );
}
