import { monthOf, shanghai } from '@honglin/types/time';
import {
  BANNED,
  B1,
  B2,
  P,
  REQ,
  TOWN,
  V1,
  V2,
  aPledge,
  inDays,
  ok,
  rid,
  startWorld,
  today,
  type Envelope,
  type Trips,
  type World,
} from './world';

/**
 * The pledge function through the local cloud with the real wx-server-sdk: every action with its allowed and
 * denied callers, bad input, content rejection, idempotent creates, one winner for concurrent transitions,
 * and the database round-trips each action costs (DESIGN.md §8: reads ≤ 3, writes with the timeline ≤ 6).
 */
let w: World;

beforeAll(async () => {
  w = await startWorld();
});

afterAll(async () => {
  // The lead collects these numbers: database round-trips per action, as measured here.
  console.info(
    measuredTrips.map(([label, t]) => `${label}: ${t.reads} reads, ${t.writes} writes, ${t.control} tx`).join('\n'),
  );
  await w?.stop();
});

function failed(answer: Envelope, code: string) {
  expect(answer).toMatchObject({ ok: false, error: { code } });
  if (!answer.ok) expect(answer.error.message).toMatch(/[\u4e00-\u9fa5]/);
}

/** DESIGN.md §8: reads ≤ 3, writes with their timeline event ≤ 6 (transaction start/commit not counted). */
const measuredTrips: Array<[string, Trips]> = [];

function withinBudget(trips: Trips, label: string, budget = { reads: 3, writes: 6 }) {
  measuredTrips.push([label, trips]);
  expect(trips.reads).toBeLessThanOrEqual(budget.reads);
  expect(trips.writes).toBeLessThanOrEqual(budget.writes);
}

/** The rows of an SDK query (its typings answer a union of callback styles). */
async function rowsOf<T>(query: { get(): unknown }): Promise<T[]> {
  return ((await query.get()) as { data: T[] }).data;
}

async function stored(id: string) {
  const { data } = (await w.db.collection('pledges').where({ _id: id }).get()) as {
    data: Array<Record<string, unknown>>;
  };
  return data[0] ?? null;
}

async function countOf(collection: string, where: object): Promise<number> {
  return ((await w.db.collection(collection).where(where).count()) as { total: number }).total;
}

async function counter(unitId: string, name: string): Promise<number> {
  // The month's counter shards, and the distinct markers stored beside them (which have no counts).
  const data = await rowsOf<{ counts?: Record<string, unknown> }>(
    w.db.collection('counters').where({ unitId, month: monthOf(new Date()) }),
  );
  // A counter name holds a dot, so the store keeps it nested: counts.pledge.approved.
  const [group, field] = name.split('.');
  return data.reduce(
    (sum, d) => sum + Number((d.counts?.[group] as Record<string, number> | undefined)?.[field] ?? 0),
    0,
  );
}

/**
 * This month's counter shards of the town and the village, as the stats nightly timer leaves them (counts {},
 * nothing counted yet): in a running town a bump updates its shard and never has to create it.
 */
async function prepareShards() {
  const month = monthOf(new Date());
  for (const unitId of [TOWN, V1]) {
    for (const shard of [0, 1, 2, 3]) {
      const _id = `${unitId}_${month}_${shard}`;
      if ((await countOf('counters', { _id })) > 0) continue;
      await w.db.collection('counters').add({ data: { _id, unitId, month, shard, counts: {}, updatedAt: null } });
    }
  }
}

async function timelineOf(id: string) {
  return rowsOf<{ event: string; from: string | null; to: string | null; actor: string }>(
    w.db.collection('timeline').where({ subjectId: id }).orderBy('at', 'asc'),
  );
}

async function submitted(owner: string = P.member, extra = {}) {
  return ok(await w.call('create', { ...aPledge(extra), submit: true }, owner)).id as string;
}

async function approved(owner: string = P.member, extra = {}) {
  const id = await submitted(owner, extra);
  ok(await w.call('review', { id, decision: 'approve' }, P.secretary));
  return id;
}

const fulfilment = (id: string, extra = {}) => ({
  id,
  requestId: rid(),
  day: today(),
  text: '为刘奶奶家打扫了院子',
  peopleHelped: 2,
  ...extra,
});

async function completed(owner: string = P.member) {
  const id = await approved(owner);
  ok(await w.call('addFulfilment', fulfilment(id), owner));
  ok(await w.call('complete', { id }, owner));
  return id;
}

describe('create', () => {
  test('a member writes a draft in their branch; the timeline records it', async () => {
    const { answer, trips } = await w.measured('create', aPledge(), P.member);
    const pledge = ok(answer);
    expect(pledge).toMatchObject({ state: 'draft', branchId: B1, villageId: V1, ownerName: '王建国', overdue: false });
    withinBudget(trips, 'create');
    expect(await timelineOf(pledge.id)).toEqual([
      expect.objectContaining({ event: 'create', from: null, to: 'draft', actor: P.member }),
    ]);
  });

  test('submit: true creates it submitted and counts one pledge made', async () => {
    const before = await counter(V1, 'pledge.submitted');
    const pledge = ok(await w.call('create', { ...aPledge(), submit: true }, P.member));
    expect(pledge.state).toBe('submitted');
    expect(await counter(V1, 'pledge.submitted')).toBe(before + 1);
  });

  test('the same requestId twice stores one pledge', async () => {
    const input = aPledge();
    const first = ok(await w.call('create', input, P.member));
    const second = ok(await w.call('create', input, P.member));
    expect(second.id).toBe(first.id);
    expect(await countOf('pledges', { _id: input.requestId })).toBe(1);
    expect((await timelineOf(first.id)).length).toBe(1);
  });

  test('a member of two branches pledges in the first by default, or in the one named', async () => {
    expect(ok(await w.call('create', aPledge(), P.twoBranches)).branchId).toBe(B1);
    const second = ok(await w.call('create', aPledge({ branchId: B2 }), P.twoBranches));
    expect(second).toMatchObject({ branchId: B2, villageId: V2 });
  });

  test('a villager, an admin, or a member naming a branch not theirs cannot pledge', async () => {
    for (const openid of [P.resident, P.villageAdmin, P.townAdmin]) {
      const input = aPledge();
      failed(await w.call('create', input, openid), 'FORBIDDEN');
      expect(await stored(input.requestId)).toBeNull();
    }
    failed(await w.call('create', aPledge({ branchId: B2 }), P.member), 'FORBIDDEN');
  });

  test.each([
    ['no target', { target: '' }],
    ['an unknown category', { category: 'ranking' }],
    ['a malformed day', { dueDay: '2026/12/01' }],
    ['a day that does not exist', { dueDay: '2031-02-30' }],
    ['a due day in the past', { dueDay: inDays(-1) }],
    ['too long a content', { content: '办'.repeat(501) }],
    ['a bad request id', { requestId: 'x' }],
  ])('bad input (%s) → INVALID_ARGUMENT, nothing stored', async (_name, bad) => {
    const input = { ...aPledge(), ...bad };
    failed(await w.call('create', input, P.member), 'INVALID_ARGUMENT');
    expect(await countOf('pledges', { _id: input.requestId })).toBe(0);
  });

  test('content security: a refused word stores nothing and says why', async () => {
    for (const bad of [{ content: `帮大家${BANNED}` }, { target: `PLEDGE-BAD 每月一次` }]) {
      const input = aPledge(bad);
      failed(await w.call('create', input, P.member), 'CONTENT_REJECTED');
      expect(await stored(input.requestId)).toBeNull();
    }
  });
});

describe('update, submit, withdraw (the owner)', () => {
  test('the owner edits a draft, then submits it', async () => {
    const { id } = ok(await w.call('create', aPledge(), P.member));
    const edited = ok(
      await w.call('update', { id, ...aPledge({ content: '修好村口路灯', category: 'volunteer' }) }, P.member),
    );
    expect(edited).toMatchObject({ content: '修好村口路灯', category: 'volunteer', state: 'draft' });
    await prepareShards();
    const { answer, trips } = await w.measured('submit', { id }, P.member);
    expect(ok(answer).state).toBe('submitted');
    // The first submission: pledge, timeline, 2 counter shards (village, town) and one members-who-pledged marker
    // at the village: 5 writes. (A shard the nightly timer has not prepared is created by a set: +1 per unit.)
    withinBudget(trips, 'submit');
    expect(trips.writes).toBe(5);
    expect((await timelineOf(id)).map((e) => e.event)).toEqual(['create', 'edit', 'submit']);
  });

  test('another member, even of the same branch, cannot edit, submit or withdraw it', async () => {
    const { id } = ok(await w.call('create', aPledge(), P.member));
    failed(await w.call('update', { id, ...aPledge({ content: '改掉它' }) }, P.member2), 'FORBIDDEN');
    failed(await w.call('submit', { id }, P.member2), 'FORBIDDEN');
    failed(await w.call('withdraw', { id }, P.otherMember), 'FORBIDDEN');
    failed(await w.call('submit', { id }, P.secretary), 'FORBIDDEN');
    expect((await stored(id))?.state).toBe('draft');
  });

  test('a returned pledge is edited and resubmitted in one step; the pledge is counted once', async () => {
    const id = await submitted();
    ok(await w.call('review', { id, decision: 'return', reason: '目标要写清楚数量' }, P.secretary));
    const mine = ok(await w.call('get', { id }, P.member));
    expect(mine).toMatchObject({
      state: 'returned',
      returnReason: '目标要写清楚数量',
      can: { edit: true, submit: true, withdraw: false },
    });
    const before = await counter(V1, 'pledge.submitted');
    const again = ok(
      await w.call('update', { id, ...aPledge({ target: '每月2次，共6户，拍照记录' }), submit: true }, P.member),
    );
    expect(again.state).toBe('submitted');
    expect(again.returnReason).toBeUndefined();
    expect(await counter(V1, 'pledge.submitted')).toBe(before);
  });

  test('no edits once approved; skipping states is refused', async () => {
    const id = await approved();
    failed(await w.call('update', { id, ...aPledge() }, P.member), 'CONFLICT');
    failed(await w.call('submit', { id }, P.member), 'CONFLICT');
    const draft = ok(await w.call('create', aPledge(), P.member)).id;
    failed(await w.call('complete', { id: draft }, P.member), 'CONFLICT');
    failed(await w.call('addFulfilment', fulfilment(draft), P.member), 'CONFLICT');
    failed(await w.call('appraise', { id: draft, grade: 'excellent', comment: '好' }, P.secretary), 'CONFLICT');
    failed(await w.call('review', { id: draft, decision: 'approve' }, P.secretary), 'CONFLICT');
  });

  test('withdrawal keeps the pledge and its history; a withdrawn pledge stays withdrawn', async () => {
    const id = await approved();
    const { answer, trips } = await w.measured('withdraw', { id }, P.member);
    expect(ok(answer).state).toBe('withdrawn');
    withinBudget(trips, 'withdraw');
    expect(await stored(id)).toMatchObject({ state: 'withdrawn' });
    expect((await timelineOf(id)).map((e) => e.to)).toEqual(['submitted', 'approved', 'withdrawn']);
    failed(await w.call('withdraw', { id }, P.member), 'CONFLICT');
    failed(await w.call('submit', { id }, P.member), 'CONFLICT');
  });

  test('a completed pledge cannot be withdrawn', async () => {
    const id = await completed();
    failed(await w.call('withdraw', { id }, P.member), 'CONFLICT');
  });
});

describe('review (审诺)', () => {
  test('the branch secretary approves: on the wall, counted, the member told', async () => {
    const id = await submitted();
    await w.allowNotices(P.member, 'pledgeReviewed');
    const before = await counter(V1, 'pledge.approved');
    const { answer, trips } = await w.measured('review', { id, decision: 'approve' }, P.secretary);
    expect(ok(answer).state).toBe('approved');
    withinBudget(trips, 'review');
    expect(await counter(V1, 'pledge.approved')).toBe(before + 1);
    expect(await counter('pl-town', 'pledge.approved')).toBeGreaterThanOrEqual(1);
    const sent = w.outbox(P.member).filter((m) => m.page?.includes(id));
    expect(sent).toEqual([expect.objectContaining({ templateId: 'local-pledgeReviewed' })]);
    expect(JSON.stringify(sent[0].data)).toContain('审核通过');
  });

  test('returning needs a reason, which the member reads', async () => {
    const id = await submitted();
    failed(await w.call('review', { id, decision: 'return' }, P.secretary), 'INVALID_ARGUMENT');
    failed(await w.call('review', { id, decision: 'return', reason: `${BANNED}` }, P.secretary), 'CONTENT_REJECTED');
    expect((await stored(id))?.state).toBe('submitted');
    await w.allowNotices(P.member, 'pledgeReviewed');
    ok(await w.call('review', { id, decision: 'return', reason: '请写明完成时间' }, P.secretary));
    const sent = w.outbox(P.member).filter((m) => m.page?.includes(id));
    expect(JSON.stringify(sent[0].data)).toContain('请写明完成时间');
    expect((await timelineOf(id)).pop()).toMatchObject({ event: 'return', to: 'returned' });
  });

  test('a secretary of another branch, a member, and admins cannot review', async () => {
    const id = await submitted();
    for (const openid of [P.otherSecretary, P.member, P.member2, P.villageAdmin, P.townAdmin, P.resident]) {
      failed(await w.call('review', { id, decision: 'approve' }, openid), 'FORBIDDEN');
    }
    expect((await stored(id))?.state).toBe('submitted');
  });

  test('concurrent approve and return: exactly one wins, the other gets CONFLICT', async () => {
    const id = await submitted();
    const answers = await Promise.all([
      w.call('review', { id, decision: 'approve' }, P.secretary),
      w.call('review', { id, decision: 'return', reason: '再想想' }, P.secretary),
      w.call('review', { id, decision: 'approve' }, P.secretary),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const a of answers.filter((x) => !x.ok)) failed(a, 'CONFLICT');
    expect((await timelineOf(id)).filter((e) => e.from === 'submitted')).toHaveLength(1);
  });

  test('a pledge that does not exist → NOT_FOUND', async () => {
    failed(await w.call('review', { id: 'no-such-pledge', decision: 'approve' }, P.secretary), 'NOT_FOUND');
  });
});

describe('addFulfilment and complete (践诺)', () => {
  test('the owner records what was done with a photo; counted; idempotent by requestId', async () => {
    const id = await approved();
    const photo = await w.upload(`pledges/${id}/photo-1.png`);
    const input = fulfilment(id, { photos: [photo], linkedRequestId: 'req-road-light' });
    const before = await counter(V1, 'pledge.fulfilments');
    const { answer, trips } = await w.measured('addFulfilment', input, P.member);
    expect(ok(answer)).toMatchObject({ fulfilmentCount: 1, peopleHelped: 2, state: 'approved' });
    // One more write than a transition: the image-check batch of the photos (checkImages), after the commit.
    withinBudget(trips, 'addFulfilment', { reads: 3, writes: 7 });
    ok(await w.call('addFulfilment', input, P.member));
    const detail = ok(await w.call('get', { id }, P.member));
    expect(detail.fulfilments).toEqual([
      expect.objectContaining({ text: '为刘奶奶家打扫了院子', photos: [photo], linkedRequestId: 'req-road-light' }),
    ]);
    expect(await counter(V1, 'pledge.fulfilments')).toBe(before + 1);
  });

  test('links only a resolved request the member may see: not an open one, not another village’s, not a made-up id', async () => {
    const id = await approved();
    for (const linkedRequestId of [REQ.open, REQ.otherVillage, 'no-such-request']) {
      failed(await w.call('addFulfilment', fulfilment(id, { linkedRequestId }), P.member), 'INVALID_ARGUMENT');
      failed(await w.call('create', aPledge({ linkedRequestId }), P.member), 'INVALID_ARGUMENT');
    }
    // A member who never saw the resolved request may not claim it either.
    const theirs = await approved(P.member2);
    failed(
      await w.call('addFulfilment', fulfilment(theirs, { linkedRequestId: REQ.resolved }), P.member2),
      'INVALID_ARGUMENT',
    );
    const detail = ok(await w.call('get', { id }, P.member));
    expect(detail.fulfilments).toEqual([]);
    ok(await w.call('create', aPledge({ linkedRequestId: REQ.resolved }), P.member));
  });

  test('not before approval, not by someone else, not with refused text, not in the future', async () => {
    const pending = await submitted();
    failed(await w.call('addFulfilment', fulfilment(pending), P.member), 'CONFLICT');
    const id = await approved();
    failed(await w.call('addFulfilment', fulfilment(id), P.member2), 'FORBIDDEN');
    failed(await w.call('addFulfilment', fulfilment(id), P.otherMember), 'FORBIDDEN');
    failed(await w.call('addFulfilment', fulfilment(id, { text: `${BANNED}` }), P.member), 'CONTENT_REJECTED');
    failed(await w.call('addFulfilment', fulfilment(id, { day: inDays(1) }), P.member), 'INVALID_ARGUMENT');
    failed(
      await w.call('addFulfilment', fulfilment(id, { photos: ['http://example/a.png'] }), P.member),
      'INVALID_ARGUMENT',
    );
    failed(await w.call('addFulfilment', fulfilment(id, { peopleHelped: -1 }), P.member), 'INVALID_ARGUMENT');
    expect((await stored(id))?.fulfilmentCount).toBe(0);
  });

  test('complete needs at least one record, and only the owner completes', async () => {
    const id = await approved();
    failed(await w.call('complete', { id }, P.member), 'CONFLICT');
    ok(await w.call('addFulfilment', fulfilment(id), P.member));
    failed(await w.call('complete', { id }, P.secretary), 'FORBIDDEN');
    const before = await counter(V1, 'pledge.completed');
    const { answer, trips } = await w.measured('complete', { id }, P.member);
    expect(ok(answer).state).toBe('completed');
    withinBudget(trips, 'complete');
    expect(await counter(V1, 'pledge.completed')).toBe(before + 1);
    // Help given after completing is still recorded (within 30 days of completion): the pledge stays completed.
    const after = ok(await w.call('addFulfilment', fulfilment(id), P.member));
    expect(after.state).toBe('completed');
    expect(after.fulfilmentCount).toBe(2);
  });

  test('concurrent complete and withdraw: one winner', async () => {
    const id = await approved();
    ok(await w.call('addFulfilment', fulfilment(id), P.member));
    const answers = await Promise.all([
      w.call('complete', { id }, P.member),
      w.call('withdraw', { id }, P.member),
      w.call('complete', { id }, P.member),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const a of answers.filter((x) => !x.ok)) failed(a, 'CONFLICT');
  });
});

describe('appraise (评诺)', () => {
  test('the secretary grades a completed pledge; counted; the member told', async () => {
    const id = await completed();
    await w.allowNotices(P.member, 'pledgeAppraised');
    const before = await counter(V1, 'pledge.appraised');
    const { answer, trips } = await w.measured(
      'appraise',
      { id, grade: 'excellent', comment: '群众满意，按时完成' },
      P.secretary,
    );
    expect(ok(answer)).toMatchObject({
      state: 'appraised',
      appraisal: { grade: 'excellent', comment: '群众满意，按时完成' },
    });
    withinBudget(trips, 'appraise');
    expect(await counter(V1, 'pledge.appraised')).toBe(before + 1);
    const sent = w.outbox(P.member).filter((m) => m.page?.includes(id) && m.templateId === 'local-pledgeAppraised');
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0].data)).toContain('优秀');
  });

  test('others cannot appraise; a bad grade or refused comment stores nothing', async () => {
    const id = await completed();
    for (const openid of [P.otherSecretary, P.member, P.villageAdmin]) {
      failed(await w.call('appraise', { id, grade: 'good', comment: '好' }, openid), 'FORBIDDEN');
    }
    failed(await w.call('appraise', { id, grade: 'A+', comment: '好' }, P.secretary), 'INVALID_ARGUMENT');
    failed(await w.call('appraise', { id, grade: 'good', comment: BANNED }, P.secretary), 'CONTENT_REJECTED');
    expect((await stored(id))?.state).toBe('completed');
  });

  test('concurrent appraisals: one winner', async () => {
    const id = await completed();
    const answers = await Promise.all([
      w.call('appraise', { id, grade: 'good', comment: '不错' }, P.secretary),
      w.call('appraise', { id, grade: 'fair', comment: '一般' }, P.secretary),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    failed(answers.find((a) => !a.ok) as Envelope, 'CONFLICT');
  });
});

describe('rate (群众评)', () => {
  test('a resident of the village rates once; counts visible, voters never', async () => {
    const id = await completed();
    const { answer, trips } = await w.measured('rate', { id, verdict: 'satisfied' }, P.resident);
    expect(ok(answer)).toEqual({ satisfied: 1, unsatisfied: 0 });
    withinBudget(trips, 'rate');
    failed(await w.call('rate', { id, verdict: 'unsatisfied' }, P.resident), 'CONFLICT');
    ok(await w.call('rate', { id, verdict: 'unsatisfied' }, P.resident2));
    const wall = ok(await w.call('list', { scope: 'wall' }, P.resident));
    const shown = wall.items.find((p: { id: string }) => p.id === id);
    expect(shown.ratings).toEqual({ satisfied: 1, unsatisfied: 1 });
    expect(JSON.stringify(wall)).not.toContain(P.resident);
    const mine = ok(await w.call('get', { id }, P.resident));
    expect(mine).toMatchObject({ myRating: 'satisfied', can: { rate: false } });
    // The wall shows the vote given, and offers no buttons that would be refused.
    expect(shown).toMatchObject({ myRating: 'satisfied', canRate: false });
    const other = ok(await w.call('list', { scope: 'wall' }, P.resident2));
    expect(other.items.find((p: { id: string }) => p.id === id)).toMatchObject({ myRating: 'unsatisfied' });
    expect(JSON.stringify(ok(await w.call('get', { id }, P.member)))).not.toMatch(/pl-resident/);
  });

  test('the same resident voting twice at once counts once', async () => {
    const id = await completed();
    const answers = await Promise.all([
      w.call('rate', { id, verdict: 'satisfied' }, P.resident),
      w.call('rate', { id, verdict: 'unsatisfied' }, P.resident),
    ]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const { ratings } = (await stored(id)) as { ratings: { satisfied: number; unsatisfied: number } };
    expect(ratings.satisfied + ratings.unsatisfied).toBe(1);
    expect(await countOf('pledgeRatings', { pledgeId: id })).toBe(1);
  });

  test('a resident of another village, the owner, and pledges not yet completed are refused', async () => {
    const id = await completed();
    failed(await w.call('rate', { id, verdict: 'satisfied' }, P.outsider), 'FORBIDDEN');
    failed(await w.call('rate', { id, verdict: 'satisfied' }, P.member), 'FORBIDDEN');
    failed(await w.call('rate', { id, verdict: 'satisfied' }, P.otherSecretary), 'FORBIDDEN');
    // The branch's secretary lives in the village too, but appraises it instead (评诺).
    failed(await w.call('rate', { id, verdict: 'satisfied' }, P.secretary), 'FORBIDDEN');
    expect(ok(await w.call('get', { id }, P.secretary)).can.rate).toBe(false);
    const open = await approved();
    failed(await w.call('rate', { id: open, verdict: 'satisfied' }, P.resident), 'CONFLICT');
    failed(await w.call('rate', { id, verdict: 'great' }, P.resident), 'INVALID_ARGUMENT');
    expect(await countOf('pledgeRatings', { pledgeId: id })).toBe(0);
  });

  test('an appraised pledge can still be rated', async () => {
    const id = await completed();
    ok(await w.call('appraise', { id, grade: 'good', comment: '按时完成' }, P.secretary));
    expect(ok(await w.call('rate', { id, verdict: 'satisfied' }, P.resident))).toEqual({
      satisfied: 1,
      unsatisfied: 0,
    });
  });
});

describe('get', () => {
  test('owner and branch see any state with the history; the wall sees approved pledges only, without it', async () => {
    const draft = ok(await w.call('create', aPledge(), P.member)).id;
    const { answer, trips } = await w.measured('get', { id: draft }, P.member);
    expect(ok(answer)).toMatchObject({
      state: 'draft',
      ownerId: P.member,
      can: { edit: true, submit: true, withdraw: true, review: false },
    });
    expect(ok(answer).timeline).toHaveLength(1);
    withinBudget(trips, 'get');
    for (const openid of [P.secretary, P.villageAdmin, P.townAdmin])
      expect(ok(await w.call('get', { id: draft }, openid)).timeline).toBeDefined();
    for (const openid of [P.resident, P.member2, P.otherSecretary, P.otherVillageAdmin]) {
      failed(await w.call('get', { id: draft }, openid), 'FORBIDDEN');
    }
    const open = await approved();
    const seen = ok(await w.call('get', { id: open }, P.resident));
    expect(seen.timeline).toBeUndefined();
    expect(seen.ownerId).toBeUndefined();
    expect(seen.can).toEqual({
      edit: false,
      submit: false,
      withdraw: false,
      review: false,
      addFulfilment: false,
      complete: false,
      appraise: false,
      rate: false,
    });
    failed(await w.call('get', { id: open }, P.outsider), 'FORBIDDEN');
    expect(ok(await w.call('get', { id: open }, P.secretary)).can).toMatchObject({ review: false, appraise: false });
  });

  test('a resident of the village reading a completed pledge costs at most 3 reads', async () => {
    const id = await completed();
    const { answer, trips } = await w.measured('get', { id }, P.resident);
    expect(ok(answer).can.rate).toBe(true);
    withinBudget(trips, 'get');
  });
});

describe('list', () => {
  test('mine: my own pledges by state, month and category, paginated', async () => {
    const me = P.member2;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(ok(await w.call('create', aPledge({ category: 'post' }), me)).id);
    ok(await w.call('create', aPledge({ category: 'business' }), me));
    ok(await w.call('submit', { id: ids[0] }, me));
    const { answer, trips } = await w.measured('list', { scope: 'mine', size: 2 }, me);
    const first = ok(answer);
    withinBudget(trips, 'list mine');
    expect(first.items).toHaveLength(2);
    const second = ok(await w.call('list', { scope: 'mine', size: 2, cursor: first.nextCursor }, me));
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((p: { id: string }) => p.id)).size).toBe(all.length);
    expect(all.every((p: { ownerId: string }) => p.ownerId === me)).toBe(true);
    expect(ok(await w.call('list', { scope: 'mine', category: 'post' }, me)).items).toHaveLength(3);
    expect(
      ok(await w.call('list', { scope: 'mine', state: 'submitted' }, me)).items.map((p: { id: string }) => p.id),
    ).toEqual([ids[0]]);
    const month = monthOf(new Date());
    expect(ok(await w.call('list', { scope: 'mine', month }, me)).items.length).toBeGreaterThanOrEqual(4);
    const lastYear = shanghai().subtract(1, 'year').format('YYYY-MM');
    expect(ok(await w.call('list', { scope: 'mine', month: lastYear }, me)).items).toEqual([]);
    failed(await w.call('list', { scope: 'mine', month: '2026-13' }, me), 'INVALID_ARGUMENT');
  });

  test('branch: the secretary sees what waits for review, by member, and what is overdue', async () => {
    const waiting = await submitted(P.member2);
    const queue = ok(
      await w.call('list', { scope: 'branch', branchId: B1, state: 'submitted', size: 50 }, P.secretary),
    );
    expect(queue.items.map((p: { id: string }) => p.id)).toContain(waiting);
    expect(
      queue.items.every((p: { state: string; branchId: string }) => p.state === 'submitted' && p.branchId === B1),
    ).toBe(true);
    const byMember = ok(
      await w.call('list', { scope: 'branch', branchId: B1, ownerId: P.member2, size: 50 }, P.secretary),
    );
    expect(byMember.items.every((p: { ownerId: string }) => p.ownerId === P.member2)).toBe(true);

    // Overdue: due day passed and still owed (set in the store: create refuses a past due day).
    const late = await approved(P.member2);
    const done = await completed(P.member2);
    await w.db
      .collection('pledges')
      .doc(late)
      .update({ data: { dueDay: inDays(-3) } });
    await w.db
      .collection('pledges')
      .doc(done)
      .update({ data: { dueDay: inDays(-3) } });
    const { answer, trips } = await w.measured(
      'list',
      { scope: 'branch', branchId: B1, overdue: true, size: 50 },
      P.secretary,
    );
    const overdue = ok(answer).items.map((p: { id: string; overdue: boolean }) => [p.id, p.overdue]);
    expect(overdue).toContainEqual([late, true]);
    expect(overdue.map(([id]: [string]) => id)).not.toContain(done);
    withinBudget(trips, 'list branch overdue');
    expect(ok(await w.call('get', { id: late }, P.member2))).toMatchObject({ overdue: true, state: 'approved' });
    expect(
      ok(await w.call('list', { scope: 'branch', branchId: B1, overdue: true, state: 'completed' }, P.secretary)).items,
    ).toEqual([]);
  });

  test('branch: admins over the branch may look, others may not', async () => {
    ok(await w.call('list', { scope: 'branch', branchId: B1 }, P.villageAdmin));
    ok(await w.call('list', { scope: 'branch', branchId: B1 }, P.townAdmin));
    for (const openid of [P.otherSecretary, P.otherVillageAdmin, P.member, P.resident]) {
      failed(await w.call('list', { scope: 'branch', branchId: B1 }, openid), 'FORBIDDEN');
    }
  });

  test('wall: approved, completed and appraised pledges of the village, newest approval first, no owner ids', async () => {
    const draft = ok(await w.call('create', aPledge(), P.member)).id;
    const pending = await submitted();
    const first = await approved();
    const second = await approved(P.member2);
    const { answer, trips } = await w.measured('list', { scope: 'wall', size: 50 }, P.resident);
    const items = ok(answer).items as Array<{ id: string; state: string; ownerId?: string; villageId: string }>;
    withinBudget(trips, 'list wall');
    const ids = items.map((p) => p.id);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(ids).not.toContain(draft);
    expect(ids).not.toContain(pending);
    expect(
      items.every((p) => ['approved', 'completed', 'appraised'].includes(p.state) && p.villageId === V1 && !p.ownerId),
    ).toBe(true);
    expect(JSON.stringify(items)).not.toContain('"fulfilments"');
  });

  test('wall: members and admins see it, residents of another village do not', async () => {
    ok(await w.call('list', { scope: 'wall', villageId: V1 }, P.member));
    ok(await w.call('list', { scope: 'wall', villageId: V1 }, P.townAdmin));
    ok(await w.call('list', { scope: 'wall', villageId: V1 }, P.villageAdmin));
    failed(await w.call('list', { scope: 'wall', villageId: V1 }, P.outsider), 'FORBIDDEN');
    failed(await w.call('list', { scope: 'wall', villageId: V1 }, P.otherVillageAdmin), 'FORBIDDEN');
    const theirs = ok(await w.call('list', { scope: 'wall' }, P.outsider));
    expect(theirs.items.every((p: { villageId: string }) => p.villageId === V2)).toBe(true);
  });

  test('an unknown scope or action is refused', async () => {
    failed(await w.call('list', { scope: 'ranking' }, P.member), 'INVALID_ARGUMENT');
    failed(await w.call('leaderboard', {}, P.member), 'NOT_FOUND');
  });
});
