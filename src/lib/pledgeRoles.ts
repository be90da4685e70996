import type { RoleName } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';
import type { RoleView } from '@honglin/types/user';

export interface BranchChoice {
  id: string;
  name: string;
}

/** What the 承诺 area offers a person, from their roles. */
export interface PledgeRoles {
  /** Branches the person is a member of (they may pledge there). */
  memberBranches: BranchChoice[];
  /** Branches whose pledges they review and appraise. */
  secretaryBranches: BranchChoice[];
}

function branchesOf(roles: readonly RoleView[], role: RoleName): BranchChoice[] {
  const found = new Map<string, string>();
  for (const g of roles) if (g.role === role && g.branchId) found.set(g.branchId, g.branchName ?? g.unitName);
  return [...found].map(([id, name]) => ({ id, name }));
}

export function pledgeRolesOf(roles: readonly RoleView[]): PledgeRoles {
  return { memberBranches: branchesOf(roles, 'member'), secretaryBranches: branchesOf(roles, 'branch_secretary') };
}

/** Today in the town's zone (YYYY-MM-DD). */
export function today(): string {
  return shanghai().format('YYYY-MM-DD');
}

/** A sensible default due day for a new pledge: a month from today. */
export function inAMonth(): string {
  return shanghai().add(1, 'month').format('YYYY-MM-DD');
}
