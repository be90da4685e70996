import { P, code, ok, rid, startWorld, type World } from './world';

/**
 * Subscribe messages go only to people who accepted them in a tap: the app reports each acceptance
 * (user.reportSubscriptions), every notice spends one, and a head who never accepted is sent nothing.
 */
let w: World;

beforeAll(async () => {
  w = await startWorld('notices');
});

afterAll(async () => {
  await w?.stop();
});

const ESCALATED = 'local-requestEscalated';

async function countsOf(openid: string): Promise<Record<string, number> | null> {
  const { data } = (await w.db.collection('subscriptions').where({ _id: openid }).get()) as unknown as {
    data: Array<{ counts: Record<string, number> }>;
  };
  return data[0]?.counts ?? null;
}

/** A request of 一邻 left unaccepted past its accept-by, then the sweep: it is passed up to 一组's head. */
async function escalatedToGroupHead(): Promise<string> {
  const { id } = ok(
    await w.call('request', 'submit', { requestId: rid(), category: 'help', text: '路灯坏了好几天' }, P.villager),
  );
  await w.db
    .collection('requests')
    .doc(id)
    .update({ data: { acceptBy: new Date(Date.now() - 3600_000) } });
  const report = ok(await w.fire('request', 'sweep'));
  expect(report.escalated).toContain(id);
  return id;
}

const escalationsTo = (openid: string, requestId: string) =>
  w.outbox().filter((m) => m.touser === openid && m.templateId === ESCALATED && m.page?.endsWith(requestId));

it('sends a head who never accepted no escalation; one acceptance lets exactly one through and is spent', async () => {
  const unasked = await escalatedToGroupHead();
  expect(escalationsTo(P.groupHead, unasked)).toEqual([]);

  // 接收上报提醒 accepted in WeChat's dialog: the app reports it.
  const reported = ok(await w.call('user', 'reportSubscriptions', { accepted: ['requestEscalated'] }, P.groupHead));
  expect(reported).toEqual({ counts: { requestEscalated: 1 } });

  const asked = await escalatedToGroupHead();
  expect(escalationsTo(P.groupHead, asked)).toHaveLength(1);
  expect(await countsOf(P.groupHead)).toMatchObject({ requestEscalated: 0 });

  const spent = await escalatedToGroupHead();
  expect(escalationsTo(P.groupHead, spent)).toEqual([]);
});

it('adds one per acceptance, for each kind reported', async () => {
  ok(await w.call('user', 'reportSubscriptions', { accepted: ['requestAccepted', 'requestResolved'] }, P.neighbour));
  const again = ok(await w.call('user', 'reportSubscriptions', { accepted: ['requestAccepted'] }, P.neighbour));
  expect(again).toEqual({ counts: { requestAccepted: 2, requestResolved: 1 } });
});

it('keeps nothing for someone who has not agreed to the privacy guideline', async () => {
  const stranger = 'o-never-agreed';
  const answer = await w.call('user', 'reportSubscriptions', { accepted: ['requestEscalated'] }, stranger);
  expect(code(answer)).toBe('FORBIDDEN');
  expect(await countsOf(stranger)).toBeNull();
});

it('refuses kinds it does not know, none, more than one dialog holds, or one twice, and stores nothing', async () => {
  for (const accepted of [
    [],
    ['everything'],
    ['requestEscalated', 'requestEscalated'],
    ['requestAccepted', 'requestResolved', 'requestEscalated', 'pledgeReviewed'],
    'requestEscalated',
  ]) {
    expect([accepted, code(await w.call('user', 'reportSubscriptions', { accepted }, P.blockHead))]).toEqual([
      accepted,
      'INVALID_ARGUMENT',
    ]);
  }
  expect(code(await w.call('user', 'reportSubscriptions', {}, P.blockHead))).toBe('INVALID_ARGUMENT');
  expect(await countsOf(P.blockHead)).toBeNull();
});
