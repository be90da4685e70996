import { REQUEST_STATE_LABELS, type RequestState } from '@honglin/types/request';
import { HANDLING_ROLES, HEAD_ROLES, type RoleGrantView } from '@honglin/types/org';

export function stateLabel(state: RequestState): string {
  return REQUEST_STATE_LABELS[state];
}

/** What the 诉求 area offers a person, from their roles. */
export interface RequestRoles {
  /** Heads and admins: they see what waits in their unit and below. */
  handles: boolean;
  /** Heads who visit households (邻长、组长、片长). */
  visits: boolean;
  /** Villages whose visit coverage they may see (village admins, branch secretaries). */
  coverageVillageIds: string[];
  /** A town admin sees every village's coverage (chosen on the page). */
  town: boolean;
  member: boolean;
}

export function requestRolesOf(roles: readonly RoleGrantView[]): RequestRoles {
  const villages = roles.flatMap((g) =>
    (g.role === 'village_admin' || g.role === 'branch_secretary') && g.unitPath.length >= 2 ? [g.unitPath[1]] : [],
  );
  return {
    handles: roles.some((g) => HANDLING_ROLES.includes(g.role)),
    visits: roles.some((g) => HEAD_ROLES.includes(g.role)),
    coverageVillageIds: [...new Set(villages)],
    town: roles.some((g) => g.role === 'town_admin'),
    member: roles.some((g) => g.role === 'member'),
  };
}
