import type { Me } from '@honglin/types/user';
import { ADMIN_ROLES } from '@honglin/types/org';

/** Who I am as the activity pages need it: my roles (with their branches and units). `userApi.me` answers it. */
export type MyRoles = Pick<Me, 'openid' | 'nickname' | 'roles'>;

/** The branch I run as secretary (the first), if any. */
export function secretaryBranch(
  me: MyRoles,
): { branchId: string; unitId: string; villageId: string; name: string } | null {
  const grant = me.roles.find((g) => g.role === 'branch_secretary' && g.branchId);
  return grant?.branchId
    ? {
        branchId: grant.branchId,
        unitId: grant.unitId,
        villageId: grant.unitPath[1] ?? grant.unitId,
        name: grant.branchName ?? '本支部',
      }
    : null;
}

/** The unit I administer (village or town), if any. */
export function adminUnit(me: MyRoles): { unitId: string; name: string } | null {
  const grant = me.roles.find((g) => ADMIN_ROLES.includes(g.role));
  return grant ? { unitId: grant.unitId, name: grant.unitName ?? '' } : null;
}

/** Town admins manage the film library. */
export function isTownAdmin(me: MyRoles): boolean {
  return me.roles.some((g) => g.role === 'town_admin');
}

export function isMember(me: MyRoles): boolean {
  return me.roles.some((g) => g.role === 'member');
}

/**
 * A button's `disabled` prop: Taro's H5 button writes `disabled="false"` for false, and its stylesheet greys out
 * any button carrying the attribute; undefined leaves the attribute off.
 */
export function disabledIf(condition: boolean): true | undefined {
  return condition || undefined;
}
