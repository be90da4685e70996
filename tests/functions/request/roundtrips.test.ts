import { H, N1, P, ok, rid, startWorld, type World } from './world';

/**
 * Database round-trips of every request and visit action, as the local cloud counts them (each database
 * request: the caller's record the runtime reads, scope reads, transaction start, reads and writes, commit).
 * Printed for docs/api/request.md and held to DESIGN.md §8 for every action measured: reads ≤ 3 (the caller's
 * record included), writes with their timeline event ≤ 6 (transaction start and commit are neither).
 */
let w: World;
const measured: Record<string, { trips: number; reads: number; writes: number }> = {};

/** Requests that read documents; transaction control is neither a read nor a write; every other request writes. */
const READS = new Set(['getDocument', 'calculateDocument', 'aggregateDocuments']);
const CONTROL = new Set(['startTransaction', 'commitTransaction', 'abortTransaction']);
let reads = 0;
let writes = 0;

beforeAll(async () => {
  w = await startWorld('roundtrips');
  const handle = w.cloud.db.handle.bind(w.cloud.db);
  w.cloud.db.handle = (body) => {
    const action = String(body.action ?? '').replace(/^database\./, '');
    if (READS.has(action)) reads += 1;
    else if (!CONTROL.has(action)) writes += 1;
    return handle(body);
  };
});

afterAll(async () => {
  console.info(`round-trips (total/reads/writes): ${JSON.stringify(measured)}`);
  await w?.stop();
});

/** Calls an action (or fires a timer, `openid` null) and records its round-trips, reads and writes. */
async function measure(name: string, fn: string, action: string, data: object, openid: string | null) {
  const [readsBefore, writesBefore, tripsBefore] = [reads, writes, w.cloud.db.roundTrips];
  const answer = openid === null ? await w.fire(fn, action) : await w.call(fn, action, data, openid);
  const result = ok(answer);
  measured[name] = {
    trips: w.cloud.db.roundTrips - tripsBefore,
    reads: reads - readsBefore,
    writes: writes - writesBefore,
  };
  return result;
}

/** DESIGN.md §8 for every action measured so far: the ones over budget, with what they took. */
function overBudget() {
  return Object.entries(measured)
    .filter(([, m]) => m.reads > 3 || m.writes > 6)
    .map(([name, m]) => ({ name, ...m }));
}

const text = '门前的水沟堵住了，下雨就淹到屋里';
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

it('reads: get, list, similar and the visit lists stay within budget', async () => {
  const { id } = await measure(
    'submit.first',
    'request',
    'submit',
    { requestId: rid(), category: 'help', text },
    P.villager,
  );
  await measure('get', 'request', 'get', { id }, P.villager);
  await measure('list.mine', 'request', 'list', { scope: 'mine' }, P.villager);
  await measure('list.unit', 'request', 'list', { scope: 'unit', overdue: true }, P.groupHead);
  await measure('similar', 'request', 'similar', { category: 'help' }, P.neighbour);
  await measure('visit.list', 'visit', 'list', {}, P.head1);
  await measure('visit.notVisited', 'visit', 'notVisited', { unitId: N1 }, P.head1);
  await measure('visit.coverage', 'visit', 'coverage', { villageId: 'v-xcp' }, P.villageAdmin);
  expect(overBudget()).toEqual([]);
});

it('writes: every transition stays within 3 reads and 6 writes', async () => {
  // The nightly timer has prepared this month's counter shards of the town and every village, as in a running
  // town: a bump updates its shard (one write per unit) and never has to create it.
  ok(await w.fire('stats', 'nightly'));
  const submit = { requestId: rid(), category: 'help', text };
  await measure('submit', 'request', 'submit', submit, P.villager);
  const id = submit.requestId;
  const reported = { requestId: rid(), category: 'help', text, unitId: N1, resident: { name: '刘桂英' } };
  await measure('report', 'request', 'report', reported, P.head1);
  await measure('follow', 'request', 'follow', { id }, P.neighbour);
  await measure('comment', 'request', 'comment', { id, requestId: rid(), text: '还是没人来' }, P.villager);
  await measure('accept', 'request', 'accept', { id }, P.head1);
  // 分派 to a member: the member's account is read with the request, in the scope rule's one read.
  await measure('assign.member', 'request', 'assign', { id, assigneeId: P.member }, P.head1);
  await measure('handBack.assignee', 'request', 'handBack', { id, reason: '我在外地' }, P.member);
  await measure('escalate', 'request', 'escalate', { id, reason: '需要组里协调' }, P.head1);
  await measure('handBack.head', 'request', 'handBack', { id, reason: '邻里能处理' }, P.groupHead);
  ok(await w.call('request', 'accept', { id }, P.head1));
  ok(await w.call('request', 'escalate', { id, reason: '还是需要组里协调' }, P.head1));
  ok(await w.call('request', 'accept', { id }, P.groupHead));
  await measure('assign.unit', 'request', 'assign', { id, unitId: N1 }, P.groupHead);
  ok(await w.call('request', 'accept', { id }, P.head1));
  await measure('resolve', 'request', 'resolve', { id, result: '已经疏通' }, P.head1);
  await measure('rate', 'request', 'rate', { id, rating: 'satisfied' }, P.villager);
  // An enterprise problem first resolved: request, timeline, 2 counter shards (village, town), one
  // enterprises-served marker at the village, and the resident's subscription spent by the notice.
  const enterprise = { requestId: rid(), category: 'enterprise', text, enterprise: { name: '鹿原竹木加工厂' } };
  ok(await w.call('request', 'submit', enterprise, P.villager));
  ok(await w.call('request', 'accept', { id: enterprise.requestId }, P.head1));
  const result = { id: enterprise.requestId, result: '已协调供电所增容' };
  await measure('resolve.enterprise', 'request', 'resolve', result, P.head1);
  // Visit, request, timeline, 2 counter shards (village, town) and one household marker at the village: 6 writes;
  // the household is read with its neighbourhood's ladder in one read.
  const visit = {
    requestId: rid(),
    household: { householdId: H.zhang },
    date: today(),
    discussed: '聊了收成',
    problems: [{ category: 'help', text: '排水沟堵了' }],
  };
  await measure('visit.log', 'visit', 'log', visit, P.head1);
  expect(overBudget()).toEqual([]);
  expect(measured['visit.log'].writes).toBe(6);
  expect(measured['resolve.enterprise'].writes).toBe(6);
});

it('sweep: escalating one overdue request stays within budget', async () => {
  const overdue = { requestId: rid(), category: 'help', text };
  ok(await w.call('request', 'submit', overdue, P.villager));
  await w.db
    .collection('requests')
    .doc(overdue.requestId)
    .update({ data: { acceptBy: new Date(Date.now() - 3600_000) } });
  const report = await measure('sweep.one', 'request', 'sweep', {}, null);
  expect(report.escalated).toContain(overdue.requestId);
  expect(overBudget()).toEqual([]);
});
