import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { ROLE_LABELS, type RoleGrantView, type RoleName } from '@honglin/types/org';
import type { PersonView } from '@honglin/types/user';
import { userApi } from '@/api/user';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { RoleTargetPicker, type RoleTarget } from './RoleTargetPicker';
import { usePagedList } from '@/hooks/usePagedList';
import { PagesFooter } from '@/components/PagesFooter';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

const FILTERS: Array<RoleName | undefined> = [
  undefined,
  'member',
  'neighbour_head',
  'group_head',
  'block_head',
  'branch_secretary',
];

/** 人员与角色: people of the admin's unit, by name or role; grant or take back a role directly. */
export default function PeoplePage() {
  const scope = useAdminScope();
  const grant = scope.grants.find((g) => g.unitId === scope.unitId);
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() => (grant ? <People grant={grant} /> : <Text className="hl-text">只有管理员可以使用。</Text>)}
    </PageShell>
  );
}

function People({ grant }: { grant: RoleGrantView }) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<RoleName | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  // Roles changed here since the list loaded (the answer of grantRole / revokeRole), shown without reloading.
  const [changed, setChanged] = useState<Record<string, RoleGrantView[]>>({});
  const list = usePagedList(userApi.listPeople, { unitId: grant.unitId, query: search || undefined, role, size: 20 });
  const find = () => setSearch(typed.trim());
  const items = list.items.map((p) => (changed[p.openid] ? { ...p, roles: changed[p.openid] } : p));
  return (
    <View>
      <View className="hl-section">
        <Input
          className="hl-input"
          value={typed}
          placeholder="输入姓名查找"
          confirmType="search"
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={find}
        />
        <Button className="hl-button hl-button--primary" onClick={find}>
          查找
        </Button>
        <View className="hl-chips" style={{ marginTop: '16px' }}>
          {FILTERS.map((r) => (
            <Chip key={r ?? 'all'} area="hl" on={r === role} onTap={() => setRole(r)}>
              {r ? ROLE_LABELS[r] : '全部'}
            </Chip>
          ))}
        </View>
      </View>
      <View className="hl-section">
        {items.length === 0 && !list.loading && !list.error && <Text className="hl-note">没有找到。</Text>}
        {items.map((p) => (
          <View key={p.openid}>
            <View className="hl-row" onClick={() => setOpen(open === p.openid ? null : p.openid)}>
              <Text>{p.nickname || '未设置称呼'}</Text>
              <Text className="hl-row__side">
                {p.roles.map((g) => ROLE_LABELS[g.role]).join('、') || '群众'} {p.phone}
              </Text>
            </View>
            {open === p.openid && (
              <PersonRoles
                person={p}
                grant={grant}
                onChanged={(roles) => setChanged((c) => ({ ...c, [p.openid]: roles }))}
              />
            )}
          </View>
        ))}
        <PagesFooter list={list} moreText="加载更多" />
      </View>
    </View>
  );
}

function PersonRoles({
  person,
  grant,
  onChanged,
}: {
  person: PersonView;
  grant: RoleGrantView;
  onChanged: (roles: RoleGrantView[]) => void;
}) {
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const inScope = (g: RoleGrantView) => g.unitPath.includes(grant.unitId);

  const revoke = async (g: RoleGrantView) => {
    const answer = await userApi.revokeRole({
      openid: person.openid,
      role: g.role,
      ...(g.branchId ? { branchId: g.branchId } : { unitId: g.unitId }),
    });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setMessage({ ok: true, text: `已取消${ROLE_LABELS[g.role]}` });
    onChanged(answer.data.roles);
  };
  const give = async (target: RoleTarget) => {
    const answer = await userApi.grantRole({
      openid: person.openid,
      role: target.role,
      ...(target.branchId ? { branchId: target.branchId } : { unitId: target.unitId }),
    });
    setAdding(false);
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setMessage({ ok: true, text: `已设为${target.name}的${ROLE_LABELS[target.role]}` });
    onChanged(answer.data.roles);
  };

  return (
    <View className="hl-section">
      {person.roles.length === 0 && <Text className="hl-note">没有担任角色。</Text>}
      {person.roles.map((g) => (
        <View key={`${g.role}-${g.unitId}-${g.branchId ?? ''}`} className="hl-row">
          <Text>{ROLE_LABELS[g.role]}</Text>
          {inScope(g) && (
            <Text className="hl-row__side" onClick={() => revoke(g)}>
              取消此角色
            </Text>
          )}
        </View>
      ))}
      {adding ? (
        <RoleTargetPicker grant={grant} onPick={give} />
      ) : (
        <Button className="hl-button" onClick={() => setAdding(true)}>
          授予角色
        </Button>
      )}
      {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
    </View>
  );
}
