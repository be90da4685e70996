import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { setNavigationBarTitle, useRouter } from '@tarojs/taro';
import { type PledgeDetail } from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import type { QueryState } from '@/lib/useQuery';
import { pledgeRolesOf, type BranchChoice } from '@/lib/pledgeRoles';
import { PledgeForm } from './PledgeForm';
import '@/components/pledge/pledge.scss';

/** 写承诺 / 修改承诺: a new pledge (no id) or an edit of a draft or returned one (?id=). */
export default function PledgeEditPage() {
  const id = useRouter().params.id;
  const { query: me, reload } = useMe();
  const [loaded, setLoaded] = useState<QueryState<PledgeDetail | null>>(
    id ? { status: 'loading' } : { status: 'success', data: null },
  );

  useEffect(() => {
    if (!id) return;
    setNavigationBarTitle({ title: '修改承诺' });
    pledgeApi
      .get({ id })
      .then((answer) =>
        setLoaded(answer.ok ? { status: 'success', data: answer.data } : { status: 'error', error: answer.error }),
      );
  }, [id]);

  const both: QueryState<{ branches: BranchChoice[]; pledge: PledgeDetail | null }> =
    me.status !== 'success'
      ? me
      : loaded.status !== 'success'
        ? loaded
        : { status: 'success', data: { branches: pledgeRolesOf(me.data.roles).memberBranches, pledge: loaded.data } };

  return (
    <PageShell query={both} onRetry={reload}>
      {({ branches, pledge }) =>
        branches.length === 0 ? (
          <Text className="pl-note">只有党员可以作出承诺。</Text>
        ) : (
          <PledgeForm branches={branches} pledge={pledge} />
        )
      }
    </PageShell>
  );
}
