import fs from 'node:fs';
import path from 'node:path';
import type { ActionTable } from '../../cloudfunctions/common/runtime';
import type { AccessFixture, AccessFixtures } from './access-fixtures/types';
import { PERSONA } from '../../emulator/seed/ids';
import { DEMO_PEOPLE } from '../../emulator/seed/people';
import { SCOPE_TABLE } from './access-fixtures/scope-table';
import { code, startDemoWorld, type DemoWorld } from './user/world';

/**
 * The authorisation matrix: walks the declared `actions` of EVERY cloud function (each cloudfunctions/<name>/index.ts)
 * and, for each role-restricted action, calls it through the local cloud as callers who must pass the access check
 * and callers who must get FORBIDDEN (wrong role; right role in another unit). The callers and inputs come from
 * tests/functions/access-fixtures/<function>.ts; an action without one fails here, by name. Actions for the timer
 * or WeChat's message push must refuse every user.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions');
const FIXTURES_DIR = path.join(__dirname, 'access-fixtures');

const functionNames = fs
  .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'common' && fs.existsSync(path.join(FUNCTIONS_DIR, d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

/**
 * The declared actions of a function, read from its bundle (dist/cloudfunctions/<fn>/index.js exports the same
 * `actions` table as cloudfunctions/<fn>/index.ts; the functions project's global setup rebuilds stale bundles).
 */
function actionsOf(fn: string): ActionTable {
  const bundle = path.join(ROOT, 'dist', 'cloudfunctions', fn, 'index.js');
  if (!fs.existsSync(bundle)) throw new Error(`${fn} is not built: run npm run build:functions`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(bundle) as { actions: ActionTable }).actions;
}

function fixturesOf(fn: string): AccessFixtures {
  const file = path.join(FIXTURES_DIR, `${fn}.ts`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return fs.existsSync(file) ? (require(file) as { fixtures: AccessFixtures }).fixtures : {};
}

let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('access-matrix');
});
afterAll(() => world?.stop());

async function inputOf(fixture: AccessFixture): Promise<object> {
  return typeof fixture.input === 'function' ? fixture.input(world) : fixture.input;
}

it('finds the functions to walk', () => {
  expect(functionNames).toEqual(expect.arrayContaining(['org', 'user']));
});

describe.each(functionNames)('%s', (fn) => {
  const actions = Object.entries(actionsOf(fn));
  const fixtures = fixturesOf(fn);
  const restricted = actions.filter(([, a]) => a.access.kind === 'roles');
  const noUser = actions.filter(([, a]) => a.access.kind === 'system' || a.access.kind === 'push');

  if (restricted.length > 0) {
    it.each(restricted.map(([name, a]) => [name, a] as const))(
      '%s: allowed callers pass, others get FORBIDDEN',
      async (name, action) => {
        const fixture = fixtures[name];
        if (!fixture) {
          throw new Error(
            `${fn}.${name} is role-restricted but has no access fixture: add it to tests/functions/access-fixtures/${fn}.ts`,
          );
        }
        const access = action.access as { kind: 'roles'; scope?: unknown };
        const kinds = new Set(fixture.denied.map((d) => d.why));
        expect({ action: `${fn}.${name}`, wrongRole: kinds.has('wrong_role') }).toEqual({
          action: `${fn}.${name}`,
          wrongRole: true,
        });
        if (access.scope) {
          expect({ action: `${fn}.${name}`, otherUnit: kinds.has('other_unit') }).toEqual({
            action: `${fn}.${name}`,
            otherUnit: true,
          });
        }
        expect(fixture.allowed.length).toBeGreaterThan(0);
        // The declared roles are those of the written table (DESIGN §2), and the fixture's callers agree with it.
        const rule = SCOPE_TABLE[`${fn}.${name}`];
        expect({
          action: `${fn}.${name}`,
          declared: [...(rule ? (action.access as { roles: readonly string[] }).roles : [])].sort(),
        }).toEqual({
          action: `${fn}.${name}`,
          declared: [...(rule?.roles ?? ['(missing from access-fixtures/scope-table.ts)'])].sort(),
        });
        const holds = (openid: string) =>
          (DEMO_PEOPLE.find((p) => p.openid === openid)?.roles ?? []).some((g) => rule.roles.includes(g.role));
        for (const openid of fixture.allowed)
          expect({ allowed: openid, holds: holds(openid) }).toEqual({ allowed: openid, holds: true });
        for (const denied of fixture.denied.filter((d) => d.why === 'wrong_role')) {
          expect({ wrongRole: denied.openid, holds: holds(denied.openid) }).toEqual({
            wrongRole: denied.openid,
            holds: false,
          });
        }
        for (const denied of fixture.denied.filter((d) => d.why === 'other_unit')) {
          expect({ otherUnit: denied.openid, holds: holds(denied.openid) }).toEqual({
            otherUnit: denied.openid,
            holds: true,
          });
        }
        const input = await inputOf(fixture);
        for (const denied of fixture.denied) {
          const answer = await world.call(denied.openid, fn, name, denied.input ?? input);
          expect({ caller: denied.openid, why: denied.why, code: code(answer) }).toEqual({
            caller: denied.openid,
            why: denied.why,
            code: 'FORBIDDEN',
          });
        }
        for (const openid of fixture.allowed) {
          const answer = await world.call(openid, fn, name, input);
          expect({ caller: openid, passed: !['FORBIDDEN', 'UNAUTHENTICATED'].includes(code(answer)) }).toEqual({
            caller: openid,
            passed: true,
          });
        }
      },
    );
  }

  if (noUser.length > 0) {
    it.each(noUser.map(([name]) => name))('%s: timer or message push only, every user refused', async (name) => {
      expect(code(await world.call(PERSONA.townAdmin, fn, name, {}))).toBe('FORBIDDEN');
    });
  }

  if (restricted.length === 0 && noUser.length === 0) {
    it('has no role-restricted actions', () => expect(actions.length).toBeGreaterThan(0));
  }
});
