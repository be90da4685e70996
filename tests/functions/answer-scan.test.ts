import fs from 'node:fs';
import path from 'node:path';
import { HEAD_ROLE_OF_KIND, type RoleGrant } from '@honglin/types/org';
import type { ActionTable } from '../../cloudfunctions/common/runtime';
import { DEMO_PEOPLE } from '../../emulator/seed/people';
import { handles, inputs, skipped, walkers, type WalkInput } from './access-fixtures/answers';
import type { AccessFixtures } from './access-fixtures/types';
import { startDemoWorld, type DemoWorld } from './user/world';

/**
 * Every answer of every action, as every persona, through the local cloud: none may carry an unmasked phone the
 * caller may not see, the unmasked name of a resident the caller may not know, or an OPENID other than the
 * caller's own (but the handles listed in access-fixtures/answers.ts). Inputs come from the access fixtures and
 * access-fixtures/answers.ts; an action with neither fails here by name.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const functionNames = fs
  .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter(
    (d) =>
      d.isDirectory() && d.name !== 'common' && fs.existsSync(path.join(ROOT, 'cloudfunctions', d.name, 'index.ts')),
  )
  .map((d) => d.name)
  .sort();

function actionsOf(fn: string): ActionTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(ROOT, 'dist', 'cloudfunctions', fn, 'index.js')) as { actions: ActionTable }).actions;
}

function fixturesOf(fn: string): AccessFixtures {
  const file = path.join(__dirname, 'access-fixtures', `${fn}.ts`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return fs.existsSync(file) ? (require(file) as { fixtures: AccessFixtures }).fixtures : {};
}

const OPENIDS = new Set(DEMO_PEOPLE.map((p) => p.openid));
const PHONE = /(?<!\d)(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)/g;
/** Paths of ids, file ids and download addresses (random characters, not people's numbers). */
const OPAQUE = /(?:^|\.)(?:_id|\w*Id|\w*Ids(?:\.\*)?|id|url|fileID)$/;

interface RequestRecord {
  residentName: string;
  residentPhone: string | null;
  parties?: string[];
  submitter: string | null;
  reporterId: string | null;
  handlerId: string | null;
  assigneeId: string | null;
  responsibleUnitId: string;
  responsibleKind: keyof typeof HEAD_ROLE_OF_KIND;
  responsiblePath: string[];
  unitPath: string[];
}

/** Who handles a request (and so may see its resident's name and phone, and its parties). */
function handles_(r: RequestRecord, openid: string, roles: RoleGrant[]): boolean {
  return (
    [r.submitter, r.reporterId, r.handlerId, r.assigneeId].includes(openid) ||
    roles.some(
      (g) =>
        (g.role === HEAD_ROLE_OF_KIND[r.responsibleKind] && g.unitId === r.responsibleUnitId) ||
        (['village_admin', 'town_admin'].includes(g.role) && r.unitPath.includes(g.unitId)),
    )
  );
}

let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('answer-scan');
});
afterAll(() => world?.stop());

/** What a caller may see whole: their own phone, and the residents' names and phones of requests they handle. */
async function allowances(openid: string) {
  const [me] = await world.find<{ phone?: string; roles?: RoleGrant[]; homeUnitPath?: string[] }>('users', {
    _id: openid,
  });
  const roles = me?.roles ?? [];
  const requests = await world.find<RequestRecord>('requests', {});
  const phones = new Set<string>(me?.phone ? [me.phone] : []);
  const names = new Set<string>();
  const privateNames = new Set<string>();
  for (const r of requests) {
    const resident = [r.residentName, ...(r.parties ?? [])].filter(Boolean);
    resident.forEach((n) => privateNames.add(n));
    if (handles_(r, openid, roles)) {
      resident.forEach((n) => names.add(n));
      if (r.residentPhone) phones.add(r.residentPhone);
    }
  }
  // Residents without a role: their names are known to themselves and to heads and admins of their home.
  for (const p of DEMO_PEOPLE.filter((x) => x.roles.length === 0)) {
    const [record] = await world.find<{ homeUnitPath?: string[] }>('users', { _id: p.openid });
    privateNames.add(p.nickname);
    const home = record?.homeUnitPath ?? [];
    const headOfHome = roles.some(
      (g) =>
        ['neighbour_head', 'group_head', 'block_head', 'village_admin', 'town_admin'].includes(g.role) &&
        home.includes(g.unitId),
    );
    if (p.openid === openid || headOfHome) names.add(p.nickname);
  }
  // A name that is also a role holder's (heads and members act in the open) is not a private one.
  for (const p of DEMO_PEOPLE.filter((x) => x.roles.length > 0)) privateNames.delete(p.nickname);
  return { phones, names, privateNames };
}

/** Every string in an answer with its JSON path (array indexes as *). */
function strings(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, at ? `${at}.*` : '*'));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  }
  return [];
}

async function inputOf(input: WalkInput): Promise<object> {
  return typeof input === 'function' ? input(world) : input;
}

const walked: Array<[string, string]> = functionNames.flatMap((fn) =>
  Object.entries(actionsOf(fn))
    .filter(([, a]) => a.access.kind !== 'system' && a.access.kind !== 'push')
    .map(([name]) => [fn, name] as [string, string]),
);

it.each(walked)('%s.%s: no foreign phone, private name or OPENID in any persona’s answer', async (fn, name) => {
  const key = `${fn}.${name}`;
  if (skipped[key]) return;
  const fixture = fixturesOf(fn)[name];
  const given = inputs[key] ?? (fixture ? [fixture.input as WalkInput] : undefined);
  if (!given) throw new Error(`${key} has no input to walk: add it to tests/functions/access-fixtures/answers.ts`);
  const findings: string[] = [];
  for (const openid of walkers) {
    const allowed = await allowances(openid);
    for (const input of given) {
      const answer = await world.call(openid, fn, name, await inputOf(input));
      for (const [where, text] of strings(answer)) {
        const at = where.replace(/^data\./, '');
        const meant = handles[key] ?? [];
        if (OPENIDS.has(text) && text !== openid && !meant.includes(at)) {
          findings.push(`${openid}: OPENID ${text} at ${at}`);
        }
        // Ids and addresses are opaque: their digits are no phone.
        for (const phone of OPAQUE.test(at) ? [] : (text.match(PHONE) ?? [])) {
          if (!allowed.phones.has(phone)) findings.push(`${openid}: phone ${phone} at ${at}`);
        }
        for (const person of allowed.privateNames) {
          if (text.includes(person) && !allowed.names.has(person)) findings.push(`${openid}: name ${person} at ${at}`);
        }
      }
    }
  }
  expect({ action: key, findings }).toEqual({ action: key, findings: [] });
});
