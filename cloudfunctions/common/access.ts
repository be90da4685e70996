import type { RoleGrant, RoleName } from '@honglin/types/org';

/** Where an action acts: the unit path of its target (ancestors then itself) and, for branch business, the branch. */
export interface ScopeTarget<R = undefined> {
  unitPath: readonly string[];
  branchId?: string;
  /** What the scope rule read to find the target, handed to the handler so it is not read twice. */
  resource: R;
}

/**
 * Who may call an action, declared on the action itself:
 * - anyone: every identified WeChat user (a villager by default);
 * - roles: a caller holding one of the roles; with `scope`, held in a unit on the target's path
 *   (or, for branch roles, in the target's branch);
 * - system: the scheduled trigger only, never a user;
 * - push: WeChat's message push (e.g. the asynchronous result of an image check), never a client call.
 */
export type Access<I, R> =
  | { kind: 'anyone' }
  | { kind: 'system' }
  | { kind: 'push' }
  | {
      kind: 'roles';
      roles: readonly RoleName[];
      scope?: (input: I, caller: { openid: string }) => Promise<ScopeTarget<R>>;
    };

export const anyone = { kind: 'anyone' } as const;
export const system = { kind: 'system' } as const;
export const push = { kind: 'push' } as const;

export function roles<I = unknown, R = undefined>(
  names: readonly RoleName[],
  scope?: (input: I, caller: { openid: string }) => Promise<ScopeTarget<R>>,
): Access<I, R> {
  return { kind: 'roles', roles: names, scope };
}

/** Does this grant cover that target? Branch roles match by branch when the target names one; all else by the unit path. */
export function grantCovers(grant: RoleGrant, target: Pick<ScopeTarget<unknown>, 'unitPath' | 'branchId'>): boolean {
  if (grant.branchId && target.branchId) return grant.branchId === target.branchId;
  return target.unitPath.includes(grant.unitId);
}

/** The caller's grants that satisfy a role rule for a target (all grants of those roles when there is no target). */
export function matchingGrants(
  grants: readonly RoleGrant[],
  names: readonly RoleName[],
  target?: Pick<ScopeTarget<unknown>, 'unitPath' | 'branchId'>,
): RoleGrant[] {
  return grants.filter((g) => names.includes(g.role) && (!target || grantCovers(g, target)));
}
