import { Text, View } from '@tarojs/components';
import { ROLE_LABELS } from '@honglin/types/org';
import { ROLE_CHANGE_VIA_LABELS } from '@honglin/types/user';
import { userApi } from '@/api/user';
import { dateTime } from '@/lib/datetime';
import { PageShell } from '@/components/PageShell';
import { usePagedList } from '@/hooks/usePagedList';
import { PagesFooter } from '@/components/PagesFooter';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

/** 角色变更记录: who gave or took which role from whom, when and how, in the admin's unit. */
export default function ChangesPage() {
  const scope = useAdminScope();
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() => (scope.unitId ? <Changes unitId={scope.unitId} /> : <Text className="hl-text">只有管理员可以使用。</Text>)}
    </PageShell>
  );
}

function Changes({ unitId }: { unitId: string }) {
  const list = usePagedList(userApi.listRoleChanges, { unitId, size: 20 });
  const { items } = list;
  return (
    <View className="hl-section">
      <Text className="hl-section__title">角色变更记录</Text>
      {items.length === 0 && !list.loading && !list.error && <Text className="hl-note">还没有记录。</Text>}
      {items.map((c) => (
        <View key={c.id} className="hl-section">
          <Text className="hl-text">
            {c.subjectName || '未设置称呼'} {c.change === 'grant' ? '成为' : '不再担任'}{' '}
            {c.targetName ? `${c.targetName}的` : ''}
            {c.grants.map((g) => ROLE_LABELS[g.role]).join('、')}
          </Text>
          <Text className="hl-note">
            {dateTime(c.at)} · {ROLE_CHANGE_VIA_LABELS[c.via]}
            {c.actorName ? ` · 经办：${c.actorName}` : ''}
            {c.inviteCode ? ` · 邀请码 ${c.inviteCode}` : ''}
          </Text>
        </View>
      ))}
      <PagesFooter list={list} moreText="更早的记录" />
    </View>
  );
}
