import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { shanghai } from '@honglin/types/time';
import type { ActionTable } from '../../cloudfunctions/common/runtime';
import { BRANCH, PERSONA, UNIT } from '../../emulator/seed/ids';
import { ok, rid, startDemoWorld, type DemoWorld, type Envelope } from './user/world';
import { household } from './access-fixtures/org';

/**
 * Idempotent means idempotent: every create action (an action whose input takes a client request id) is fired
 * 20 times at once with the same input, as a client retrying a slow send would. Every call must answer ok with
 * the same record, and exactly one record may exist afterwards. The create actions are found by walking every
 * function's declared actions: a new one without a case here fails by name.
 */
const PARALLEL = 20;
const ROOT = path.resolve(__dirname, '..', '..');

function actionsOf(fn: string): ActionTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(ROOT, 'dist', 'cloudfunctions', fn, 'index.js')) as { actions: ActionTable }).actions;
}

interface ZodNode {
  _zod: { def: Record<string, unknown> & { type: string } };
}

/** True when the schema (through unions, pipes, defaults, optionals) has an object field named requestId. */
function takesRequestId(schema: ZodNode): boolean {
  const def = schema._zod.def;
  const inner = (key: string) => def[key] as ZodNode;
  switch (def.type) {
    case 'object':
      return 'requestId' in (def.shape as Record<string, unknown>);
    case 'union':
      return (def.options as ZodNode[]).some(takesRequestId);
    case 'intersection':
      return takesRequestId(inner('left')) || takesRequestId(inner('right'));
    case 'pipe':
      return takesRequestId(inner('in'));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return takesRequestId(inner('innerType'));
    default:
      return false;
  }
}

const functionNames = fs
  .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

const createActions = functionNames.flatMap((fn) =>
  Object.entries(actionsOf(fn))
    .filter(([, action]) => takesRequestId(action.input as unknown as ZodNode))
    .map(([name]) => `${fn}.${name}`),
);

interface CreateCase {
  caller: string;
  /** The input of all 20 calls (a fresh request id). */
  input(world: DemoWorld): Promise<Record<string, unknown>>;
  /** The id of the record an answer names. */
  idOf(data: Record<string, unknown>): string;
  /** How many records the create made, by its input. */
  records(world: DemoWorld, input: Record<string, unknown>): Promise<number>;
}

const count = async (world: DemoWorld, collection: string, condition: Record<string, unknown>) =>
  (await world.find(collection, condition)).length;
const today = () => shanghai().format('YYYY-MM-DD');
const byRequestId = (collection: string) => (world: DemoWorld, input: Record<string, unknown>) =>
  count(world, collection, { _id: input.requestId });

async function approvedPledge(world: DemoWorld): Promise<string> {
  const created = ok(
    await world.call(PERSONA.member, 'pledge', 'create', {
      requestId: rid(),
      category: 'residents',
      content: '每月为独居老人打扫一次卫生',
      target: '每月1次，3户',
      dueDay: shanghai().add(30, 'day').format('YYYY-MM-DD'),
      submit: true,
    }),
  );
  ok(await world.call(PERSONA.secretary, 'pledge', 'review', { id: created.id, decision: 'approve' }));
  return created.id as string;
}

async function villagerRequest(world: DemoWorld): Promise<string> {
  return ok(
    await world.call(PERSONA.villager, 'request', 'submit', {
      requestId: rid(),
      category: 'help',
      text: '一组村道口的路灯坏了',
    }),
  ).id as string;
}

const CASES: Record<string, CreateCase> = {
  'activity.plan': {
    caller: PERSONA.secretary,
    input: async () => ({
      requestId: rid(),
      branchId: BRANCH.xicaoping,
      kind: 'lesson',
      title: '田间微党课',
      startAt: shanghai().add(2, 'day').format(),
      place: { description: '村东头稻田' },
    }),
    idOf: (d) => d._id as string,
    records: (w, input) => count(w, 'activities', { requestId: input.requestId }),
  },
  'org.createUnit': {
    caller: PERSONA.villageAdmin,
    input: async () => ({ requestId: rid(), parentId: UNIT.xcpGroup1, name: '新邻' }),
    idOf: (d) => d._id as string,
    records: byRequestId('units'),
  },
  'org.saveBranch': {
    caller: PERSONA.townAdmin,
    input: async () => ({ requestId: rid(), unitId: UNIT.town, name: '镇卫生院党支部' }),
    idOf: (d) => d._id as string,
    records: byRequestId('branches'),
  },
  'org.savePlace': {
    caller: PERSONA.villageAdmin,
    input: async () => ({ requestId: rid(), unitId: UNIT.xicaoping, name: '村口晒谷坪', kind: 'venue' }),
    idOf: (d) => d._id as string,
    records: byRequestId('places'),
  },
  'org.saveHousehold': {
    caller: PERSONA.neighbourHead,
    input: async () => ({ requestId: rid(), unitId: UNIT.xcpNeighbourhood1, headName: '覃秋生' }),
    idOf: (d) => d._id as string,
    records: (w, input) => count(w, 'households', { _id: `hh_${input.requestId as string}` }),
  },
  'roster.preview': {
    caller: PERSONA.villageAdmin,
    async input(w) {
      const fileID = await w.upload(
        `roster/${rid('file')}.csv`,
        Buffer.from('户主姓名,所在的邻\n覃春生,第一片/第一组/一邻\n覃夏生,第一片/第一组/二邻\n', 'utf8'),
      );
      return { requestId: rid(), kind: 'households', unitId: UNIT.xicaoping, fileID };
    },
    idOf: (d) => d.importId as string,
    async records(w, input) {
      const imports = await count(w, 'roster_imports', { _id: `ri_${input.requestId as string}` });
      const [chunk] = await w.find<{ rows: Array<{ id: string }> }>('roster_import_rows', {
        importId: `ri_${input.requestId as string}`,
      });
      return imports === 1 && chunk.rows.length === 2 ? 1 : imports + 1;
    },
  },
  'pledge.create': {
    caller: PERSONA.member,
    input: async () => ({
      requestId: rid(),
      category: 'volunteer',
      content: '清理村口水渠',
      target: '200米',
      dueDay: shanghai().add(20, 'day').format('YYYY-MM-DD'),
    }),
    idOf: (d) => d.id as string,
    records: byRequestId('pledges'),
  },
  'pledge.addFulfilment': {
    caller: PERSONA.member,
    input: async (w) => ({
      id: await approvedPledge(w),
      requestId: rid(),
      day: today(),
      text: '打扫了三户老人的院子',
      peopleHelped: 3,
    }),
    idOf: (d) => d.id as string,
    async records(w, input) {
      const [pledge] = await w.find<{ fulfilments: Array<{ id: string }> }>('pledges', { _id: input.id });
      return pledge.fulfilments.filter((f) => f.id === input.requestId).length;
    },
  },
  'request.submit': {
    caller: PERSONA.villager,
    input: async () => ({ requestId: rid(), category: 'help', text: '二组水井的抽水泵坏了' }),
    idOf: (d) => d.id as string,
    records: byRequestId('requests'),
  },
  'request.report': {
    caller: PERSONA.neighbourHead,
    input: async () => ({
      requestId: rid(),
      category: 'help',
      text: '何奶奶家的屋顶漏雨',
      unitId: UNIT.xcpNeighbourhood1,
      resident: { name: '何春花' },
    }),
    idOf: (d) => d.id as string,
    records: byRequestId('requests'),
  },
  'request.comment': {
    caller: PERSONA.villager,
    input: async (w) => ({ id: await villagerRequest(w), requestId: rid(), text: '还是没人来看' }),
    idOf: (d) => d.id as string,
    records: (w, input) => count(w, 'timeline', { subjectId: input.id, event: 'comment' }),
  },
  'user.createInvite': {
    caller: PERSONA.villageAdmin,
    input: async () => ({ requestId: rid(), role: 'group_head', unitId: UNIT.xcpGroup1 }),
    idOf: (d) => d.code as string,
    records: (w, input) => count(w, 'invites', { requestId: input.requestId }),
  },
  'video.save': {
    caller: PERSONA.townAdmin,
    input: async () => ({
      requestId: rid(),
      title: '先锋力量（续）',
      kind: 'exemplar',
      lengthMinutes: 30,
      where: [{ platform: '株洲党建' }],
    }),
    idOf: (d) => d._id as string,
    records: (w, input) => count(w, 'films', { _id: `film_${input.requestId as string}` }),
  },
  'video.logWatched': {
    caller: PERSONA.member,
    input: async () => ({ requestId: rid(), filmId: 'film-bangyang' }),
    idOf: (d) => d._id as string,
    records: (w, input) =>
      count(w, 'filmLog', {
        _id: createHash('sha256')
          .update(`${PERSONA.member}:${input.requestId as string}`)
          .digest('hex')
          .slice(0, 32),
      }),
  },
  'visit.log': {
    caller: PERSONA.neighbourHead,
    input: async (w) => ({
      requestId: rid(),
      household: { householdId: await household(w) },
      date: today(),
      discussed: '聊了聊家里的情况',
      problems: [{ category: 'help', text: '屋后的排水沟堵了' }],
    }),
    idOf: (d) => d.id as string,
    async records(w, input) {
      const visits = await count(w, 'visits', { _id: input.requestId });
      const requests = await count(w, 'requests', { visitId: input.requestId });
      return visits === 1 && requests === 1 ? 1 : visits + requests;
    },
  },
};

let world: DemoWorld;
beforeAll(async () => {
  world = await startDemoWorld('idempotent-creates');
});
afterAll(() => world?.stop());

it('finds the create actions, and has a case for each', () => {
  expect(createActions).toEqual(expect.arrayContaining(['request.submit', 'pledge.addFulfilment', 'visit.log']));
  expect(createActions.filter((name) => !CASES[name])).toEqual([]);
});

describe.each(createActions)('%s', (name) => {
  it(`${PARALLEL} parallel identical calls all answer ok with the same record; exactly one record`, async () => {
    const c = CASES[name];
    const [fn, action] = name.split('.');
    const input = await c.input(world);
    const answers: Envelope[] = await Promise.all(
      Array.from({ length: PARALLEL }, () => world.call(c.caller, fn, action, input)),
    );
    const failures = answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error));
    expect({ name, failures }).toEqual({ name, failures: [] });
    const ids = new Set(answers.map((a) => c.idOf(ok(a))));
    expect(ids.size).toBe(1);
    expect(await c.records(world, input)).toBe(1);
  });
});
