import type { Envelope } from '@honglin/types/envelope';
import type { Page } from '@honglin/types/common';
import type { Place } from '@honglin/types/org';
import type { RoleGrant } from '@honglin/types/org';
import { callCloud } from '@/api/transport';

/**
 * What the activity pages need from other functions: who I am (my roles and branches) and the registered
 * places. Typed here until src/api/user.ts and src/api/org.ts exist; then these move there.
 */
export interface MyRoles {
  openid: string;
  nickname: string;
  roles: Array<RoleGrant & { branchName?: string; unitName?: string }>;
}

export const whoAmI = (): Promise<Envelope<MyRoles>> => callCloud<MyRoles>('user', 'me', {});

/** The town's registered places (red-heritage sites are shared by every branch). */
export const registeredPlaces = (): Promise<Envelope<Page<Place>>> =>
  callCloud<Page<Place>>('org', 'listPlaces', { size: 50 });

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
  const grant = me.roles.find((g) => g.role === 'village_admin' || g.role === 'town_admin');
  return grant ? { unitId: grant.unitId, name: grant.unitName ?? '' } : null;
}

export function isMember(me: MyRoles): boolean {
  return me.roles.some((g) => g.role === 'member');
}

/** A fresh id for an idempotent create (the same submit retried creates one record). */
export function newRequestId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * A button's `disabled` prop: Taro's H5 button writes `disabled="false"` for false, and its stylesheet greys out
 * any button carrying the attribute; undefined leaves the attribute off.
 */
export function disabledIf(condition: boolean): true | undefined {
  return condition || undefined;
}
