import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ADMIN_ROLES, HANDLING_ROLES } from '@honglin/types/org';
import type { Me } from '@honglin/types/user';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { PageShell } from '@/components/PageShell';
import { useMe } from '@/hooks/useMe';
import { PagesFooter } from '@/components/PagesFooter';
import { usePagedList } from '@/hooks/usePagedList';
import { AddHousehold } from './AddHousehold';
import { HouseholdRow } from './HouseholdRow';
import { useNeighbourhoods } from './neighbourhoods';
import '../account/form.scss';

/** The units whose households the person keeps: their head roles' units and the units they administer. */
function keptUnits(me: Me): Array<{ unitId: string; unitName: string }> {
  const seen = new Set<string>();
  return me.roles
    .filter((g) => HANDLING_ROLES.includes(g.role) && !seen.has(g.unitId) && seen.add(g.unitId))
    .map((g) => ({ unitId: g.unitId, unitName: g.unitName }));
}

/**
 * 农户: the households of the head's (or admin's) unit, as the village keeps them, and a new one added where the head
 * meets it. It lives beside 走访 because heads keep households in order to visit them. A household opens to its
 * history and to moving it to another 邻, splitting it, and (admins) closing it.
 */
export default function HouseholdsPage() {
  const { params } = useRouter();
  const { query, reload } = useMe();
  const [chosen, setChosen] = useState(params.unitId ?? '');
  return (
    <PageShell query={query} onRetry={reload}>
      {(me) => {
        const units = keptUnits(me);
        if (units.length === 0) {
          return <Text className="hl-text">只有片组邻长和管理员可以查看本单位的农户。</Text>;
        }
        const unitId = units.some((u) => u.unitId === chosen) ? chosen : units[0].unitId;
        return (
          <View>
            {units.length > 1 && (
              <View className="hl-section">
                <Text className="hl-label">单位</Text>
                <View className="hl-chips">
                  {units.map((u) => (
                    <Chip key={u.unitId} area="hl" on={u.unitId === unitId} onTap={() => setChosen(u.unitId)}>
                      {u.unitName}
                    </Chip>
                  ))}
                </View>
              </View>
            )}
            <Households
              key={unitId}
              unitId={unitId}
              canClose={me.roles.some((g) => ADMIN_ROLES.includes(g.role) && g.unitId === unitId)}
            />
          </View>
        );
      }}
    </PageShell>
  );
}

/** The unit's households page by page, what was last changed, and the form that adds one. */
function Households({ unitId, canClose }: { unitId: string; canClose: boolean }) {
  const [opened, setOpened] = useState('');
  const [done, setDone] = useState('');
  const neighbourhoods = useNeighbourhoods(unitId);
  const list = usePagedList(orgApi.listHouseholds, { unitId, size: 50 });
  const changed = (text: string) => {
    setDone(text);
    list.reload();
  };
  return (
    <View>
      <View className="hl-section">
        <Text className="hl-section__title">本单位农户</Text>
        {done && <Text className="hl-success">{done}</Text>}
        {list.items.length === 0 && !list.loading && !list.error && (
          <Text className="hl-note">还没有农户记录。村里导入农户名册后会显示在这里，也可以在下面添加。</Text>
        )}
        {list.items.map((h) => (
          <HouseholdRow
            // A change remounts the row: its action form closes, its open history shows the change.
            key={`${h._id}-${h.history.length}`}
            household={h}
            open={opened === h._id}
            onToggle={() => setOpened(opened === h._id ? '' : h._id)}
            neighbourhoods={neighbourhoods.options}
            canClose={canClose}
            onChanged={changed}
          />
        ))}
        <PagesFooter list={list} moreText="显示更多" />
      </View>
      <AddHousehold neighbourhoods={neighbourhoods} onAdded={list.reload} />
    </View>
  );
}
