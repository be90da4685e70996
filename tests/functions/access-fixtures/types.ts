import type { DemoWorld } from '../user/world';

/**
 * How the access matrix (tests/functions/access-matrix.test.ts) exercises one role-restricted action, on the demo
 * town of emulator/seed (personas and ids in emulator/seed/ids.ts).
 */
export interface DeniedCaller {
  openid: string;
  /** wrong_role: holds none of the action's roles; other_unit: holds one, but outside the target's unit (or branch). */
  why: 'wrong_role' | 'other_unit';
  /** Input of this call when it differs from the fixture's. */
  input?: object;
}

export interface AccessFixture {
  /** The input every call sends (a function of the world when it needs records created first). */
  input: object | ((world: DemoWorld) => Promise<object>);
  /** Callers who must pass the access check (their call may still fail for another reason, never FORBIDDEN). */
  allowed: string[];
  /** Callers who must get FORBIDDEN: at least one wrong_role, and one other_unit when the action has a scope rule. */
  denied: DeniedCaller[];
}

/** One file per cloud function, tests/functions/access-fixtures/<function>.ts, exporting `fixtures`. */
export type AccessFixtures = Record<string, AccessFixture>;
