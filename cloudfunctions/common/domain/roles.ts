import { ROLE_UNIT_KIND, type RoleGrant, type RoleGrantView, type RoleName, type UnitKind } from '@honglin/types/org';
import { maskPhone } from '@honglin/types/mask';
import { refuse, type Transition } from './transition';

// The role groups are defined in types/org (the client needs them too); the functions take them from here.
export { ADMIN_ROLES, HEAD_ROLES, HANDLING_ROLES } from '@honglin/types/org';

/**
 * Which roles an admin grant allows its holder to grant or revoke (within the grant's unit and below):
 * a town admin any role, including another town admin; a village admin every role of their village except the
 * admin roles, so admin powers only ever come from the town.
 */
export function mayGrant(adminGrants: readonly RoleGrant[], role: RoleName): boolean {
  return adminGrants.some(
    (g) => g.role === 'town_admin' || (g.role === 'village_admin' && role !== 'village_admin' && role !== 'town_admin'),
  );
}

/** Unit roles are held in a unit of their level (邻长 in a neighbourhood …); branch roles in any unit with a branch. */
export function roleFitsUnit(role: RoleName, kind: UnitKind): boolean {
  const wanted = ROLE_UNIT_KIND[role];
  return wanted === undefined || wanted === kind;
}

/** The same role in the same unit (and branch). */
export function sameGrant(
  a: Pick<RoleGrant, 'role' | 'unitId' | 'branchId'>,
  b: Pick<RoleGrant, 'role' | 'unitId' | 'branchId'>,
) {
  return a.role === b.role && a.unitId === b.unitId && (a.branchId ?? null) === (b.branchId ?? null);
}

export type RoleChange =
  { type: 'grant'; grant: RoleGrant } | { type: 'revoke'; target: Pick<RoleGrant, 'role' | 'unitId' | 'branchId'> };

/** A person's roles after the change, and the grants it added or removed. */
export type RolesTransition = Transition<RoleGrant[], { changed: RoleGrant[] }>;

/**
 * A person's roles after a change. Granting a role already held changes nothing (idempotent);
 * revoking one not held is refused (a concurrent revoke got there first).
 */
export function applyRoleChange(roles: readonly RoleGrant[], change: RoleChange): RolesTransition {
  if (change.type === 'grant') {
    if (roles.some((g) => sameGrant(g, change.grant))) return { ok: true, to: [...roles], changed: [] };
    return { ok: true, to: [...roles, change.grant], changed: [change.grant] };
  }
  const removed = roles.filter((g) => sameGrant(g, change.target));
  if (removed.length === 0) return refuse('role.notHeld');
  return { ok: true, to: roles.filter((g) => !sameGrant(g, change.target)), changed: removed };
}

/** Every unit a person belongs to (home and roles, with all their ancestors): "people of unit X" is one indexed query. */
export function memberUnitIds(homeUnitPath: readonly string[], roles: readonly RoleGrant[]): string[] {
  return [...new Set([...homeUnitPath, ...roles.flatMap((g) => g.unitPath)])];
}

/** Every unit a set of role grants touches (for the change log of a unit and below). */
export function grantsUnitIds(grants: readonly RoleGrant[]): string[] {
  return [...new Set(grants.flatMap((g) => g.unitPath))];
}

/**
 * A person's own phone number as a viewer may see it: whole for the person, masked for everyone else (admins
 * included). A resident's number reaches the handlers of a request only with the request, given for it.
 */
export function phoneFor(viewer: { openid: string }, person: { _id: string; phone?: string }): string {
  const phone = person.phone ?? '';
  if (!phone) return '';
  return viewer.openid === person._id ? phone : maskPhone(phone);
}

/** A grant as answers carry it: without the OPENID of whoever granted it. */
export function grantView({ grantedBy: _grantedBy, ...grant }: RoleGrant): RoleGrantView {
  return grant;
}
