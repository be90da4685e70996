import type { RequestDoc } from '../../../cloudfunctions/request/store';
import { G1, N1, P, TOWN, V1, code, ok, rid, startWorld, type World } from './world';

/**
 * The scheduled sweep (timer trigger `sweep`): escalates exactly the overdue requests one level, tells the next
 * level's heads, closes resolved requests left unrated for 7 days, and leaves everything else alone.
 */
let w: World;

beforeAll(async () => {
  w = await startWorld('sweep');
});

afterAll(async () => {
  await w?.stop();
});

const HOUR = 3600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);

async function submitted(extra: object = {}): Promise<string> {
  return ok(
    await w.call(
      'request',
      'submit',
      { requestId: rid(), category: 'help', text: '家门口水管漏水了', ...extra },
      P.villager,
    ),
  ).id;
}

async function setFields(id: string, data: object) {
  await w.db.collection('requests').doc(id).update({ data });
}

async function stored(id: string): Promise<RequestDoc> {
  const { data } = (await w.db.collection('requests').doc(id).get()) as unknown as { data: RequestDoc };
  return data;
}

it('escalates exactly the overdue ones, closes the long-unrated, and tells the next level', async () => {
  // Unaccepted past accept-by, submitted late on the last evening of last month (a month boundary).
  const lateUnaccepted = await submitted();
  await setFields(lateUnaccepted, { acceptBy: ago(1), createdAt: ago(30 * 24) });
  // Accepted, past resolve-by.
  const lateUnresolved = await submitted();
  ok(await w.call('request', 'accept', { id: lateUnresolved }, P.head1));
  await setFields(lateUnresolved, { resolveBy: ago(0.1) });
  // Accepted but past accept-by only: it was accepted, so it is not late.
  const acceptedInTime = await submitted();
  ok(await w.call('request', 'accept', { id: acceptedInTime }, P.head1));
  await setFields(acceptedInTime, { acceptBy: ago(5) });
  // Fresh, not overdue.
  const fresh = await submitted();
  // Resolved 8 days ago and 6 days ago, unrated.
  const oldResolved = await submitted();
  ok(await w.call('request', 'accept', { id: oldResolved }, P.head1));
  ok(await w.call('request', 'resolve', { id: oldResolved, result: '已修好' }, P.head1));
  await setFields(oldResolved, { resolvedAt: ago(8 * 24) });
  const recentResolved = await submitted();
  ok(await w.call('request', 'accept', { id: recentResolved }, P.head1));
  ok(await w.call('request', 'resolve', { id: recentResolved, result: '已修好' }, P.head1));
  await setFields(recentResolved, { resolvedAt: ago(6 * 24) });
  // Already at the town: nowhere further to go.
  const atTown = await submitted();
  await setFields(atTown, {
    level: 0,
    responsibleUnitId: TOWN,
    responsibleKind: 'town',
    responsiblePath: [TOWN],
    acceptBy: ago(3),
  });

  // The group head accepted escalation notices twice (e.g. on two 签收 taps): one message per acceptance.
  await w.allowNotices(P.groupHead, 'requestEscalated', 2);
  const report = ok(await w.fire('request', 'sweep'));
  expect([...report.escalated].sort()).toEqual([lateUnaccepted, lateUnresolved].sort());
  expect(report.closed).toEqual([oldResolved]);

  expect(await stored(lateUnaccepted)).toMatchObject({ state: 'submitted', responsibleUnitId: G1, cameFrom: [4] });
  expect(await stored(lateUnresolved)).toMatchObject({ state: 'submitted', responsibleUnitId: G1, handlerId: null });
  expect(new Date((await stored(lateUnresolved)).acceptBy).getTime()).toBeGreaterThan(Date.now());
  expect(await stored(acceptedInTime)).toMatchObject({ state: 'accepted', responsibleUnitId: N1 });
  expect(await stored(fresh)).toMatchObject({ state: 'submitted', responsibleUnitId: N1 });
  expect(await stored(oldResolved)).toMatchObject({ state: 'closed' });
  expect(await stored(recentResolved)).toMatchObject({ state: 'resolved' });
  expect(await stored(atTown)).toMatchObject({ state: 'submitted', responsibleUnitId: TOWN });

  const toGroupHead = w.outbox().filter((m) => m.touser === P.groupHead && m.templateId === 'local-requestEscalated');
  expect(toGroupHead).toHaveLength(2);
  const { data: entries } = (await w.db
    .collection('timeline')
    .where({ subjectId: lateUnaccepted, event: 'autoEscalated' })
    .get()) as unknown as {
    data: Array<{ actor: string; note: string }>;
  };
  expect(entries).toEqual([expect.objectContaining({ actor: 'system', note: '超时未签收，自动上报' })]);

  // The next run finds nothing new: the escalated ones have fresh due times at their new level.
  const again = ok(await w.fire('request', 'sweep'));
  expect(again).toEqual({ escalated: [], closed: [], skipped: [] });
});

it('is a timer-only action: no user may run it', async () => {
  for (const who of [P.villager, P.townAdmin]) {
    expect(code(await w.call('request', 'sweep', {}, who))).toBe('FORBIDDEN');
  }
});

it('counts escalations in the month they happen', async () => {
  const id = await submitted();
  await setFields(id, { acceptBy: ago(1) });
  const { data: before } = (await w.db.collection('counters').where({ unitId: V1 }).get()) as unknown as {
    data: unknown[];
  };
  ok(await w.fire('request', 'sweep'));
  const { data: after } = (await w.db.collection('counters').where({ unitId: V1 }).get()) as unknown as {
    data: Array<{ month: string; counts: Record<string, unknown> }>;
  };
  expect(after.length).toBeGreaterThanOrEqual(before.length);
  expect(JSON.stringify(after)).toContain('escalated');
});
