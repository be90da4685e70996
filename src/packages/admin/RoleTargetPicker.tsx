import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  BRANCH_ROLES,
  ROLE_LABELS,
  ROLE_NAMES,
  ROLE_UNIT_KIND,
  type RoleGrantView,
  type RoleName,
} from '@honglin/types/org';
import { orgApi } from '@/api/org';
import { Chip } from '@/components/Chip';
import { useQuery } from '@/lib/useQuery';
import { UnitPicker } from './UnitPicker';
import '../account/form.scss';

/** A role and where it is held: a unit for unit roles, a party branch for 党员 and 支部书记. */
export interface RoleTarget {
  role: RoleName;
  unitId?: string;
  branchId?: string;
  /** The unit's or branch's name, to show. */
  name: string;
}

interface RoleTargetPickerProps {
  /** The admin's grant: the scope to pick in, and which roles it may hand out. */
  grant: RoleGrantView;
  onPick: (target: RoleTarget) => void;
}

/** Which roles an admin may give (the functions check the same): a village admin not the admin roles. */
function grantableRoles(grant: RoleGrantView): RoleName[] {
  return grant.role === 'town_admin'
    ? [...ROLE_NAMES]
    : ROLE_NAMES.filter((r) => r !== 'village_admin' && r !== 'town_admin');
}

export function RoleTargetPicker({ grant, onPick }: RoleTargetPickerProps) {
  const [role, setRole] = useState<RoleName | null>(null);
  return (
    <View>
      <Text className="hl-label">选择角色</Text>
      <View className="hl-chips">
        {grantableRoles(grant).map((r) => (
          <Chip key={r} area="hl" on={r === role} onTap={() => setRole(r)}>
            {ROLE_LABELS[r]}
          </Chip>
        ))}
      </View>
      {role && BRANCH_ROLES.includes(role) && (
        <BranchChoice unitId={grant.unitId} onPick={(b) => onPick({ role, branchId: b._id, name: b.name })} />
      )}
      {role && !BRANCH_ROLES.includes(role) && (
        <View>
          <Text className="hl-label">选择单位</Text>
          <UnitPicker
            key={role}
            rootId={grant.unitId}
            kind={ROLE_UNIT_KIND[role]}
            actionText="选择"
            onPick={(u) => onPick({ role, unitId: u._id, name: u.name })}
          />
        </View>
      )}
    </View>
  );
}

function BranchChoice({ unitId, onPick }: { unitId: string; onPick: (branch: { _id: string; name: string }) => void }) {
  const { query } = useQuery(() => orgApi.listBranches({ unitId, size: 50 }), [unitId]);
  if (query.status === 'loading') return <Text className="hl-note">正在加载…</Text>;
  if (query.status === 'error') return <Text className="hl-error">{query.error.message}</Text>;
  return (
    <View>
      <Text className="hl-label">选择党支部</Text>
      {query.data.items.length === 0 && <Text className="hl-note">本单位还没有党支部，请先在“党支部”里建立。</Text>}
      {query.data.items.map((b) => (
        <View key={b._id} className="hl-row" onClick={() => onPick(b)}>
          <Text>{b.name}</Text>
          <Text className="hl-row__side">选择 ›</Text>
        </View>
      ))}
    </View>
  );
}
