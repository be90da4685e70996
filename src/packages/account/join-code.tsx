import { Text, View } from '@tarojs/components';
import type { RoleView } from '@honglin/types/user';
import { rosterApi } from '@/api/roster';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { useQuery } from '@/lib/useQuery';
import './form.scss';

/** 入支部码: the branch secretary reads the branch's join code out at the meeting; members link with it. */
export default function JoinCodePage() {
  const { query, reload } = useMe();
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const branches = me.roles.filter((g) => g.role === 'branch_secretary' && g.branchId);
        return branches.length === 0 ? (
          <Text className="hl-text">只有党支部书记可以查看入支部码。</Text>
        ) : (
          <View>
            {branches.map((g) => (
              <BranchCode key={g.branchId} grant={g} />
            ))}
          </View>
        );
      }}
    </PageShell>
  );
}

function BranchCode({ grant }: { grant: RoleView }) {
  const { query } = useQuery(() => rosterApi.joinCode({ branchId: grant.branchId ?? '' }), [grant.branchId]);
  return (
    <View className="hl-section">
      <Text className="hl-section__title">{grant.branchName}</Text>
      {query.status === 'loading' && <Text className="hl-note">正在加载…</Text>}
      {query.status === 'error' && <Text className="hl-error">{query.error.message}</Text>}
      {query.status === 'success' && (
        <>
          <Text className="hl-code">{query.data.code}</Text>
          <Text className="hl-text">
            在支部会议上把这个码告诉党员：打开红邻，在“我的”里点“加入党支部名册”，输入这个码，选自己的名字，再输入手机号后四位，就加入了本支部。
          </Text>
          <Text className="hl-note">只有已导入党员花名册的党员可以这样加入；输错多次要等一小时再试。</Text>
        </>
      )}
    </View>
  );
}
