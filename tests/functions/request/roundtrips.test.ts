import { N1, P, ok, rid, startWorld, type World } from './world';

/**
 * Database round-trips of every request and visit action, as the local cloud counts them (each database
 * request: the caller's record the runtime reads, scope reads, transaction start, reads and writes, commit).
 * Printed for docs/api/request.md and held to the budget the design sets per kind of action.
 */
let w: World;
const measured: Record<string, number> = {};

beforeAll(async () => {
  w = await startWorld('roundtrips');
}, 60_000);

afterAll(async () => {
  console.info(`round-trips: ${JSON.stringify(measured)}`);
  await w?.stop();
});

async function trips(name: string, fn: string, action: string, data: object, openid: string): Promise<number> {
  const { answer, trips: n } = await w.roundTrips(fn, action, data, openid);
  ok(answer);
  measured[name] = n;
  return n;
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
  // Counters of this month exist after the first event, as they do in a running town.
  ok(await w.call('request', 'submit', { requestId: rid(), category: 'help', text }, P.villager));
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
  const visit = {
    requestId: rid(),
    household: { userId: P.villager },
    date: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    discussed: '聊了收成',
    problems: [{ category: 'help', text: '排水沟堵了' }],
  };
  // Over the write budget: visit, request, timeline, 2 counters and 2 household markers (village, town) make 7,
  // 9 when the month's counter shard is new.
  expect(await trips('visit.log.1problem', 'visit', 'log', visit, P.head1)).toBeLessThanOrEqual(budget + 4);
});
