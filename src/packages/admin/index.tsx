import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useAdminScope } from './useAdminScope';
import { UnitTree } from './UnitTree';
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
