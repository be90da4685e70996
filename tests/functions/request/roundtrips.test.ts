import { N1, P, ok, rid, startWorld, type World } from './world';

/**
 * Database round-trips of every request and visit action, as the local cloud counts them (each database
 * request: the caller's record the runtime reads, scope reads, transaction start, reads and writes, commit).
 * Printed for docs/api/request.md and held to the budget the design sets per kind of action.
 */
let w: World;
const measured: Record<string, number> = {};
const measuredWrites: Record<string, number> = {};

/** Requests that change no document: reads and transaction control. Every other request is a write. */
const NOT_WRITES = new Set([
  'getDocument',
  'calculateDocument',
  'aggregateDocuments',
  'startTransaction',
  'commitTransaction',
  'abortTransaction',
]);
let writes = 0;

beforeAll(async () => {
  w = await startWorld('roundtrips');
  const handle = w.cloud.db.handle.bind(w.cloud.db);
  w.cloud.db.handle = (body) => {
    if (!NOT_WRITES.has(String(body.action ?? '').replace(/^database\./, ''))) writes += 1;
    return handle(body);
  };
}, 60_000);

afterAll(async () => {
  console.info(`round-trips: ${JSON.stringify(measured)}\nwrites: ${JSON.stringify(measuredWrites)}`);
  await w?.stop();
});

async function trips(name: string, fn: string, action: string, data: object, openid: string): Promise<number> {
  const before = writes;
  const { answer, trips: n } = await w.roundTrips(fn, action, data, openid);
  ok(answer);
  measured[name] = n;
  measuredWrites[name] = writes - before;
  return n;
}

/** DESIGN.md §8: writes with their timeline event ≤ 6 per action. */
function writesWithinBudget(names: readonly string[]): void {
  const over = names.filter((name) => !(measuredWrites[name] <= 6)).map((name) => [name, measuredWrites[name]]);
  expect(over).toEqual([]);
}

const text = '门前的水沟堵住了，下雨就淹到屋里';

it('reads: get, list, similar stay within 3', async () => {
  const id = ok(await w.call('request', 'submit', { requestId: rid(), category: 'help', text }, P.villager)).id;
  expect(await trips('get', 'request', 'get', { id }, P.villager)).toBeLessThanOrEqual(3);
  expect(await trips('list.mine', 'request', 'list', { scope: 'mine' }, P.villager)).toBeLessThanOrEqual(3);
  expect(
    await trips('list.unit', 'request', 'list', { scope: 'unit', overdue: true }, P.groupHead),
  ).toBeLessThanOrEqual(3);
  expect(await trips('similar', 'request', 'similar', { category: 'help' }, P.neighbour)).toBeLessThanOrEqual(3);
  expect(await trips('visit.list', 'visit', 'list', { view: 'notVisited' }, P.head1)).toBeLessThanOrEqual(3);
  expect(
    await trips('visit.coverage', 'visit', 'coverage', { villageId: 'v-xcp' }, P.villageAdmin),
  ).toBeLessThanOrEqual(3);
});

it('writes: every transition stays within 3 reads + start + 6 writes + commit', async () => {
  // The nightly timer has prepared this month's counter shards of the town and every village, as in a running
  // town: a bump updates its shard (one write per unit) and never has to create it.
  ok(await w.fire('stats', 'nightly'));
  const budget = 3 + 1 + 6 + 1;
  const submit = { requestId: rid(), category: 'help', text };
  expect(await trips('submit', 'request', 'submit', submit, P.villager)).toBeLessThanOrEqual(budget);
  const id = submit.requestId;
  expect(
    await trips(
      'report',
      'request',
      'report',
      { requestId: rid(), category: 'help', text, unitId: N1, resident: { name: '刘桂英' } },
      P.head1,
    ),
  ).toBeLessThanOrEqual(budget);
  expect(await trips('follow', 'request', 'follow', { id }, P.neighbour)).toBeLessThanOrEqual(budget);
  expect(await trips('comment', 'request', 'comment', { id, text: '还是没人来' }, P.villager)).toBeLessThanOrEqual(
    budget,
  );
  expect(await trips('accept', 'request', 'accept', { id }, P.head1)).toBeLessThanOrEqual(budget);
  expect(await trips('assign', 'request', 'assign', { id, assigneeId: P.member }, P.head1)).toBeLessThanOrEqual(
    budget + 1,
  );
  expect(
    await trips('handBack.assignee', 'request', 'handBack', { id, reason: '我在外地' }, P.member),
  ).toBeLessThanOrEqual(budget);
  expect(await trips('escalate', 'request', 'escalate', { id, reason: '需要组里协调' }, P.head1)).toBeLessThanOrEqual(
    budget,
  );
  ok(await w.call('request', 'accept', { id }, P.groupHead));
  expect(await trips('resolve', 'request', 'resolve', { id, result: '已经疏通' }, P.groupHead)).toBeLessThanOrEqual(
    budget,
  );
  expect(await trips('rate', 'request', 'rate', { id, rating: 'satisfied' }, P.villager)).toBeLessThanOrEqual(budget);
  // An enterprise problem first resolved: request, timeline, 2 counter shards (village, town) and one
  // enterprises-served marker at the village.
  const enterprise = { requestId: rid(), category: 'enterprise', text, enterprise: { name: '鹿原竹木加工厂' } };
  ok(await w.call('request', 'submit', enterprise, P.villager));
  ok(await w.call('request', 'accept', { id: enterprise.requestId }, P.head1));
  expect(
    await trips(
      'resolve.enterprise',
      'request',
      'resolve',
      { id: enterprise.requestId, result: '已协调供电所增容' },
      P.head1,
    ),
  ).toBeLessThanOrEqual(budget);
  const visit = {
    requestId: rid(),
    household: { userId: P.villager },
    date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    discussed: '聊了收成',
    problems: [{ category: 'help', text: '排水沟堵了' }],
  };
  // Visit, request, timeline, 2 counter shards (village, town) and one household marker at the village: 6 writes.
  // Its reads are 4 (caller, household, ladder, re-read in the transaction): one round-trip over the total.
  expect(await trips('visit.log.1problem', 'visit', 'log', visit, P.head1)).toBeLessThanOrEqual(budget + 1);
  writesWithinBudget(Object.keys(measuredWrites).filter((name) => measured[name] !== undefined));
  expect(measuredWrites['visit.log.1problem']).toBe(6);
  expect(measuredWrites['resolve.enterprise']).toBe(5);
});
