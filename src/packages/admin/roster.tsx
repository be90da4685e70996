import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { ROSTER_KIND_LABELS, ROSTER_KINDS, type RosterKind } from '@honglin/types/roster';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useAdminScope } from './useAdminScope';
import { Import } from './RosterImport';
import { Export } from './RosterExport';
import { InvitationSheet } from './InvitationSheet';
import '../account/form.scss';

/**
 * 名册导入: the rosters a village or the town already keeps (党员花名册, 农户名册, 片组邻长名单), from Excel or CSV.
 * Template → filled file → preview with every problem by row → confirm in batches → done; the roster back as Excel;
 * and the invitation sheet that members not linked yet scan at their branch meeting.
 */
export default function RosterPage() {
  const scope = useAdminScope();
  const [kind, setKind] = useState<RosterKind>('members');
  return (
    <PageShell query={scope.query} onRetry={scope.reload}>
      {() =>
        scope.unitId ? (
          <View>
            <View className="hl-section">
              <Text className="hl-label">名册类型</Text>
              <View className="hl-chips">
                {ROSTER_KINDS.map((k) => (
                  <Chip key={k} area="hl" on={k === kind} onTap={() => setKind(k)}>
                    {ROSTER_KIND_LABELS[k]}
                  </Chip>
                ))}
              </View>
              <Text className="hl-label">导入到</Text>
              <View className="hl-chips">
                {scope.grants.map((g) => (
                  <Chip key={g.unitId} area="hl" on={g.unitId === scope.unitId} onTap={() => scope.choose(g.unitId)}>
                    {g.unitName}
                  </Chip>
                ))}
              </View>
            </View>
            <Import key={`${kind}-${scope.unitId}`} kind={kind} unitId={scope.unitId} />
            <Export key={`export-${kind}-${scope.unitId}`} kind={kind} unitId={scope.unitId} />
            <InvitationSheet
              key={`sheet-${scope.unitId}`}
              unitId={scope.unitId}
              unitName={scope.grants.find((g) => g.unitId === scope.unitId)?.unitName ?? ''}
            />
          </View>
        ) : (
          <Text className="hl-text">只有村（社区）和镇的管理员可以导入名册。</Text>
        )
      }
    </PageShell>
  );
}
