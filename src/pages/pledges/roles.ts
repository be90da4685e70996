import type { RoleGrant } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';

/** What the 承诺 area offers a person, from their roles. */
export interface PledgeRoles {
  /** Branches the person is a member of (they may pledge there). */
  memberBranchIds: string[];
  /** Branches whose pledges they review and appraise. */
  secretaryBranchIds: string[];
}

const branchIdsOf = (roles: readonly RoleGrant[], role: RoleGrant['role']) => [
  ...new Set(roles.flatMap((g) => (g.role === role && g.branchId ? [g.branchId] : []))),
];

export function pledgeRolesOf(roles: readonly RoleGrant[]): PledgeRoles {
  return { memberBranchIds: branchIdsOf(roles, 'member'), secretaryBranchIds: branchIdsOf(roles, 'branch_secretary') };
}

/** A client request id, made once per form so a retried tap creates one record. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/** Today in the town's zone (YYYY-MM-DD). */
export function today(): string {
  return shanghai().format('YYYY-MM-DD');
}

/** A sensible default due day for a new pledge: a month from today. */
export function inAMonth(): string {
  return shanghai().add(1, 'month').format('YYYY-MM-DD');
}
