import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { UNIT_KIND_LABELS } from '@honglin/types/org';
import { childKindOf } from '@honglin/types/org-api';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';
import { newRequestId } from '@/lib/requestId';
import { useAdminScope } from './useAdminScope';
import '../account/form.scss';

const LINKS: Array<[string, string]> = [
  ['人员与角色', 'people'],
  ['邀请担任角色', 'invite'],
  ['党支部', 'branches'],
  ['地点（红色教育基地、田间、企业）', 'places'],
  ['角色变更记录', 'changes'],
  ['名册导入（党员、农户、片组邻长）', 'roster'],
];

/** 组织与人员管理: the admin's unit tree (browse, add, rename) and the way to branches, places, people, invitations. */
export default function AdminPage() {
  const scope = useAdminScope();
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() =>
        scope.unitId ? (
          <View>
            {scope.grants.length > 1 && (
              <View className="hl-section">
                <Text className="hl-label">管理范围</Text>
                <View className="hl-chips">
                  {scope.grants.map((g) => (
                    <Chip key={g.unitId} area="hl" on={g.unitId === scope.unitId} onTap={() => scope.choose(g.unitId)}>
                      {g.unitName}
                    </Chip>
                  ))}
                </View>
              </View>
            )}
            <View className="hl-section">
              {LINKS.map(([label, page]) => (
                <View
                  key={page}
                  className="hl-row"
                  onClick={() => navigateTo({ url: `/packages/admin/${page}?unitId=${scope.unitId}` })}
                >
                  <Text>{label}</Text>
                  <Text className="hl-row__side">›</Text>
                </View>
              ))}
              <View
                className="hl-row"
                onClick={() => navigateTo({ url: `/packages/request/households?unitId=${scope.unitId}` })}
              >
                <Text>农户</Text>
                <Text className="hl-row__side">›</Text>
              </View>
            </View>
            <UnitTree key={scope.unitId} rootId={scope.unitId} />
          </View>
        ) : (
          <View className="hl-section">
            <Text className="hl-text">只有村（社区）和镇的管理员可以使用这里的功能。</Text>
          </View>
        )
      }
    </PageShell>
  );
}

/** Browse the tree from the admin's unit; add a unit under the one shown, or rename it. */
function UnitTree({ rootId }: { rootId: string }) {
  const [currentId, setCurrentId] = useState(rootId);
  const { query, reload } = useQuery(() => orgApi.tree({ rootId: currentId, depth: 1 }), [currentId]);
  const [name, setName] = useState('');
  const [rename, setRename] = useState('');
  const [requestId, setRequestId] = useState(newRequestId);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (query.status !== 'success') {
    return (
      <Text className={query.status === 'error' ? 'hl-error' : 'hl-note'}>
        {query.status === 'error' ? query.error.message : '正在加载…'}
      </Text>
    );
  }
  const { root, units } = query.data;
  const childKind = childKindOf(root.kind);

  const add = async () => {
    setMessage(null);
    const answer = await orgApi.createUnit({ requestId, parentId: root._id, name, order: units.length + 1 });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setName('');
    setRequestId(newRequestId());
    setMessage({ ok: true, text: `已新建“${answer.data.name}”` });
    reload();
  };
  const save = async () => {
    setMessage(null);
    const answer = await orgApi.updateUnit({ id: root._id, name: rename });
    if (!answer.ok) return setMessage({ ok: false, text: answer.error.message });
    setRename('');
    setMessage({ ok: true, text: '已改名' });
    reload();
  };

  return (
    <View className="hl-section">
      <Text className="hl-section__title">
        {root.name}（{UNIT_KIND_LABELS[root.kind]}）
      </Text>
      {root._id !== rootId && root.parentId && (
        <Button className="hl-button" onClick={() => setCurrentId(root.parentId ?? rootId)}>
          返回上一级
        </Button>
      )}
      {units.length === 0 && <Text className="hl-note">下面还没有单位。</Text>}
      {units.map((unit) => (
        <View key={unit._id} className="hl-row" onClick={() => setCurrentId(unit._id)}>
          <Text>{unit.name}</Text>
          <Text className="hl-row__side">{UNIT_KIND_LABELS[unit.kind]} ›</Text>
        </View>
      ))}
      {childKind && (
        <View>
          <Text className="hl-label">
            在“{root.name}”下新建{UNIT_KIND_LABELS[childKind]}
          </Text>
          <Input
            className="hl-input"
            value={name}
            placeholder={`${UNIT_KIND_LABELS[childKind]}的名称`}
            onInput={(e) => setName(e.detail.value)}
          />
          <Button className="hl-button hl-button--primary" disabled={!name.trim()} onClick={add}>
            新建
          </Button>
        </View>
      )}
      {root._id !== rootId && (
        <View>
          <Text className="hl-label">修改“{root.name}”的名称</Text>
          <Input className="hl-input" value={rename} placeholder="新名称" onInput={(e) => setRename(e.detail.value)} />
          <Button className="hl-button" disabled={!rename.trim()} onClick={save}>
            改名
          </Button>
        </View>
      )}
      {message && <Text className={message.ok ? 'hl-success' : 'hl-error'}>{message.text}</Text>}
    </View>
  );
}
