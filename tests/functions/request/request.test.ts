import { problem, requestTools } from '../helpers/requests';
import { G1, K1, N1, N2, P, TOWN, V1, code, ok, rid, startWorld, type World } from './world';

/**
 * The request function through the local cloud with the real SDK: submitting (idempotent, checked, similar
 * first), who may see and handle what, the whole ladder up and back, rating and reopening, concurrency,
 * privacy of reported residents, and round-trips per action.
 */
let w: World;

beforeAll(async () => {
  w = await startWorld('request');
  // This month's counter shards exist, as the nightly timer leaves them in a running town: the round-trips measured
  // below do not depend on which shard a bump happens to pick.
  ok(await w.fire('stats', 'nightly'));
});

afterAll(async () => {
  await w?.stop();
});

const { submitted, stored, countOf, counters } = requestTools(() => w);

async function accepted(by: string = P.head1, extra: object = {}): Promise<string> {
  const id = await submitted(extra);
  ok(await w.call('request', 'accept', { id }, by));
  return id;
}

describe('submit', () => {
  it('keeps its photos once uploaded and sends them to the image check', async () => {
    const photo = await w.upload('requests/lamp.jpg');
    const id = await submitted({ photos: [photo] });
    expect((await stored(id)).photos).toEqual([photo]);
    expect(w.mediaChecks().some((m) => m.mediaUrl.includes('lamp.jpg'))).toBe(true);
  });

  it('creates a request waiting at the resident’s neighbourhood, due per its category, with its timeline', async () => {
    const requestId = rid();
    const { answer, trips } = await w.roundTrips('request', 'submit', problem({ requestId, urgent: true }), P.villager);
    expect(ok(answer)).toEqual({ id: requestId, state: 'submitted', created: true });
    const doc = await stored(requestId);
    expect(doc).toMatchObject({
      state: 'submitted',
      responsibleUnitId: N1,
      unitPath: [TOWN, V1, K1, G1, N1],
      submitter: P.villager,
      showName: false,
      residentName: '张三',
    });
    const created = new Date(doc.createdAt).getTime();
    expect(new Date(doc.acceptBy).getTime() - created).toBe(2 * 3600_000);
    expect(new Date(doc.resolveBy).getTime() - created).toBe(120 * 3600_000);
    expect(await countOf('timeline', { subjectId: requestId })).toBe(1);
    // reads: caller, ladder, re-read in the transaction; writes: request, timeline, 2 counters (+2 on a month's
    // first event); plus the transaction's start and commit.
    expect(trips).toBeLessThanOrEqual(13);
  });

  it('is idempotent: the same requestId twice makes one request and one timeline entry', async () => {
    const input = problem();
    const [a, b] = await Promise.all([
      w.call('request', 'submit', input, P.villager),
      w.call('request', 'submit', input, P.villager),
    ]);
    const again = await w.call('request', 'submit', input, P.villager);
    expect([a, b, again].map(code)).toEqual(['OK', 'OK', 'OK']);
    expect([ok(a).created, ok(b).created, ok(again).created].filter(Boolean)).toHaveLength(1);
    expect(await countOf('requests', { _id: input.requestId })).toBe(1);
    expect(await countOf('timeline', { subjectId: input.requestId })).toBe(1);
  });

  it('someone else reusing a requestId gets CONFLICT, not the other’s request', async () => {
    const input = problem();
    ok(await w.call('request', 'submit', input, P.villager));
    expect(code(await w.call('request', 'submit', input, P.neighbour))).toBe('CONFLICT');
  });

  it('refuses bad input with INVALID_ARGUMENT and stores nothing', async () => {
    const cases = [
      problem({ category: 'gossip' }),
      problem({ text: '' }),
      problem({ photos: Array.from({ length: 10 }, (_, i) => `cloud://local/p${i}.jpg`) }),
      problem({ category: 'dispute' }),
      problem({ category: 'enterprise' }),
      problem({ requestId: 'x' }),
      problem({ point: { type: 'Point', coordinates: [300, 20] } }),
    ];
    for (const input of cases) {
      const answer = await w.call('request', 'submit', input, P.villager);
      expect(code(answer)).toBe('INVALID_ARGUMENT');
      if (!answer.ok) expect(answer.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(await countOf('requests', { _id: input.requestId })).toBe(0);
    }
  });

  it('asks a resident without a neighbourhood to choose one first', async () => {
    const answer = await w.call('request', 'submit', problem(), P.homeless);
    expect(code(answer)).toBe('INVALID_ARGUMENT');
  });

  it('refuses text that fails the content check, storing nothing', async () => {
    const input = problem({ text: '这里有人组织赌博，请管管' });
    expect(code(await w.call('request', 'submit', input, P.villager))).toBe('CONTENT_REJECTED');
    expect(await countOf('requests', { _id: input.requestId })).toBe(0);
  });

  it('records enterprise and dispute details so the year’s figures are exact queries', async () => {
    const e = await submitted({ category: 'enterprise', enterprise: { name: '鹿原茶叶合作社' } });
    const d = await submitted({ category: 'dispute', parties: ['张三', '李四'] });
    expect(await stored(e)).toMatchObject({ category: 'enterprise', enterprise: { name: '鹿原茶叶合作社' } });
    expect(await stored(d)).toMatchObject({ category: 'dispute', parties: ['张三', '李四'] });
  });
});

describe('similar and follow', () => {
  it('shows open requests of the same category in the neighbourhood, and a neighbour follows instead of duplicating', async () => {
    const id = await submitted({ category: 'suggestion', text: '建议在小广场装两个健身器材' });
    const list = ok(await w.call('request', 'similar', { category: 'suggestion' }, P.neighbour));
    expect(list.map((r: { _id: string }) => r._id)).toContain(id);
    expect(JSON.stringify(list)).not.toContain('张三');
    ok(await w.call('request', 'follow', { id }, P.neighbour));
    ok(await w.call('request', 'follow', { id }, P.neighbour));
    expect((await stored(id)).followers).toEqual([P.neighbour]);
    const mine = ok(await w.call('request', 'list', { scope: 'mine' }, P.neighbour));
    expect(mine.items.map((r: { _id: string }) => r._id)).toContain(id);
    const other = ok(await w.call('request', 'similar', { category: 'suggestion' }, P.villagerN2));
    expect(other.map((r: { _id: string }) => r._id)).not.toContain(id);
  });

  it('finds requests near a map point', async () => {
    const point = { type: 'Point', coordinates: [113.6, 26.5] };
    const id = await submitted({ category: 'complaint', text: '河边有人乱倒垃圾', point });
    const near = ok(
      await w.call(
        'request',
        'similar',
        { category: 'complaint', point: { type: 'Point', coordinates: [113.601, 26.5] } },
        P.villagerN2,
      ),
    );
    const far = ok(
      await w.call(
        'request',
        'similar',
        { category: 'complaint', point: { type: 'Point', coordinates: [113.7, 26.6] } },
        P.villagerN2,
      ),
    );
    expect(near.map((r: { _id: string }) => r._id)).toContain(id);
    expect(far.map((r: { _id: string }) => r._id)).not.toContain(id);
  });
});

describe('who sees what', () => {
  it('a villager sees only their own and followed requests', async () => {
    const id = await submitted();
    expect(code(await w.call('request', 'get', { id }, P.villager))).toBe('OK');
    expect(code(await w.call('request', 'get', { id }, P.villagerN2))).toBe('FORBIDDEN');
    expect(code(await w.call('request', 'get', { id: 'no-such-request' }, P.villager))).toBe('FORBIDDEN');
    const theirs = ok(await w.call('request', 'list', { scope: 'mine', state: 'all' }, P.villagerN2));
    expect(theirs.items.map((r: { _id: string }) => r._id)).not.toContain(id);
  });

  it('a reported resident’s name and phone are shown to handlers only: a follower sees the name masked and no phone', async () => {
    const requestId = rid();
    ok(
      await w.call(
        'request',
        'report',
        { ...problem({ requestId }), unitId: N1, resident: { name: '刘桂英', phone: '13812345678' } },
        P.head1,
      ),
    );
    const byHead = ok(await w.call('request', 'get', { id: requestId }, P.head1));
    expect(byHead).toMatchObject({ raisedBy: '刘桂英', residentPhone: '13812345678', reportedByHead: true });
    ok(await w.call('request', 'follow', { id: requestId }, P.neighbour));
    const byNeighbour = ok(await w.call('request', 'get', { id: requestId }, P.neighbour));
    expect(byNeighbour).toMatchObject({ raisedBy: '刘**' });
    expect(byNeighbour.residentPhone).toBeUndefined();
    expect(JSON.stringify(byNeighbour)).not.toContain('5678');
    expect(JSON.stringify(byNeighbour)).not.toContain('刘桂英');
  });

  it('report: a head of another neighbourhood cannot report into this one; a villager cannot report at all', async () => {
    const input = { ...problem(), unitId: N1, resident: { name: '刘桂英' } };
    expect(code(await w.call('request', 'report', input, P.head2))).toBe('FORBIDDEN');
    expect(code(await w.call('request', 'report', input, P.villager))).toBe('FORBIDDEN');
    expect(await countOf('requests', { _id: input.requestId })).toBe(0);
  });

  it('the unit list shows what waits in the head’s unit and below, with filters', async () => {
    const id = await submitted({ category: 'consultation', text: '新农合怎么交' });
    const group = ok(await w.call('request', 'list', { scope: 'unit', category: 'consultation' }, P.groupHead));
    expect(group.items.map((r: { _id: string }) => r._id)).toContain(id);
    const other = ok(await w.call('request', 'list', { scope: 'unit' }, P.head2));
    expect(other.items.map((r: { _id: string }) => r._id)).not.toContain(id);
    const atGroup = ok(await w.call('request', 'list', { scope: 'unit', level: 'group' }, P.villageAdmin));
    expect(atGroup.items.map((r: { _id: string }) => r._id)).not.toContain(id);
    expect(code(await w.call('request', 'list', { scope: 'unit' }, P.villager))).toBe('FORBIDDEN');
    expect(code(await w.call('request', 'list', { scope: 'unit' }, P.otherAdmin))).toBe('OK');
    const otherVillage = ok(await w.call('request', 'list', { scope: 'unit', state: 'all' }, P.otherAdmin));
    expect(otherVillage.items.map((r: { _id: string }) => r._id)).not.toContain(id);
  });

  it('pages through a list with a cursor, newest first, without repeats', async () => {
    for (let i = 0; i < 3; i += 1) await submitted({}, P.villagerN2);
    const first = ok(await w.call('request', 'list', { scope: 'mine', size: 2 }, P.villagerN2));
    expect(first.items).toHaveLength(2);
    const second = ok(
      await w.call('request', 'list', { scope: 'mine', size: 2, cursor: first.nextCursor }, P.villagerN2),
    );
    const ids = [...first.items, ...second.items].map((r: { _id: string }) => r._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });
});

describe('accept', () => {
  it('the neighbourhood’s head accepts and is named handler; the resident is told', async () => {
    const id = await submitted();
    // The resident accepted this kind of message as they submitted.
    await w.allowNotices(P.villager, 'requestAccepted');
    const { answer, trips } = await w.roundTrips('request', 'accept', { id }, P.head1);
    expect(ok(answer)).toMatchObject({ state: 'accepted', handlerName: '邻长 赵邻长' });
    // 3 reads and 4 writes of the transition, the resident's subscription spent, transaction start and commit.
    expect(trips).toBeLessThanOrEqual(10);
    const sent = w.outbox().filter((m) => m.touser === P.villager && m.templateId === 'local-requestAccepted');
    expect(sent.length).toBeGreaterThan(0);
    // Each field under the keyword config/honglin.json gives it in this template.
    expect(sent[sent.length - 1].data).toEqual({
      thing1: { value: expect.stringMatching(/^求助：/) },
      phrase2: { value: '已签收' },
      thing3: { value: expect.any(String) },
      time4: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
    });
  });

  it('a head of another neighbourhood, a group head below-level, a member and a villager cannot accept', async () => {
    const id = await submitted();
    for (const who of [P.head2, P.groupHead, P.member, P.villager, P.otherAdmin]) {
      expect([who, code(await w.call('request', 'accept', { id }, who))]).toEqual([who, 'FORBIDDEN']);
    }
    expect((await stored(id)).state).toBe('submitted');
  });

  it('an admin of the village may accept in scope', async () => {
    const id = await submitted();
    expect(ok(await w.call('request', 'accept', { id }, P.villageAdmin)).state).toBe('accepted');
  });

  it('concurrent accepts: exactly one wins, the other gets CONFLICT', async () => {
    const id = await submitted();
    const answers = await Promise.all([
      w.call('request', 'accept', { id }, P.head1),
      w.call('request', 'accept', { id }, P.villageAdmin),
      w.call('request', 'accept', { id }, P.townAdmin),
    ]);
    expect(answers.map(code).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await countOf('timeline', { subjectId: id, event: 'accepted' })).toBe(1);
  });

  it('accepting twice is a CONFLICT (no state jumps)', async () => {
    const id = await accepted();
    expect(code(await w.call('request', 'accept', { id }, P.head1))).toBe('CONFLICT');
    expect(code(await w.call('request', 'rate', { id, rating: 'satisfied' }, P.villager))).toBe('CONFLICT');
  });
});

describe('the ladder: escalate, hand back, assign, resolve, rate', () => {
  it('passes up to the group, which accepts and resolves; 不满意 reopens; resolved again; 满意 closes', async () => {
    const id = await accepted();
    const up = ok(await w.call('request', 'escalate', { id, reason: '需要组里协调电工' }, P.head1));
    expect(up).toMatchObject({ state: 'submitted', responsible: { unitId: G1, kind: 'group' } });
    // The neighbour head no longer handles it: they may still see it, not act on it.
    expect(code(await w.call('request', 'resolve', { id, result: '已修好' }, P.head1))).toBe('FORBIDDEN');
    ok(await w.call('request', 'accept', { id }, P.groupHead));
    const fixed = await w.upload('requests/fixed.jpg');
    const done = ok(
      await w.call('request', 'resolve', { id, result: '已请电工换了新灯泡', photos: [fixed] }, P.groupHead),
    );
    expect(done).toMatchObject({ state: 'resolved', result: { text: '已请电工换了新灯泡' } });
    expect(code(await w.call('request', 'rate', { id, rating: 'satisfied' }, P.neighbour))).toBe('FORBIDDEN');
    const reopened = ok(
      await w.call('request', 'rate', { id, rating: 'unsatisfied', comment: '第二天又不亮了' }, P.villager),
    );
    expect(reopened).toMatchObject({ state: 'in_progress', handlerName: '组长 孙组长' });
    ok(await w.call('request', 'resolve', { id, result: '换了整套线路' }, P.groupHead));
    const closed = ok(await w.call('request', 'rate', { id, rating: 'satisfied' }, P.villager));
    expect(closed).toMatchObject({ state: 'closed', rating: { value: 'satisfied' } });
    const detail = ok(await w.call('request', 'get', { id }, P.villager));
    expect(detail.timeline.map((t: { event: string }) => t.event)).toEqual([
      'submitted',
      'accepted',
      'escalated',
      'accepted',
      'resolved',
      'reopened',
      'resolved',
      'closed',
    ]);
    expect(detail.timeline[2]).toMatchObject({ actor: '邻长 赵邻长', note: '需要组里协调电工' });
  });

  it('the group hands an escalated request back to the neighbourhood that passed it, never elsewhere', async () => {
    const id = await accepted();
    ok(await w.call('request', 'escalate', { id, reason: '需要组里协调' }, P.head1));
    expect(code(await w.call('request', 'handBack', { id, reason: '邻里能解决' }, P.head2))).toBe('FORBIDDEN');
    const back = ok(await w.call('request', 'handBack', { id, reason: '这是邻里能解决的小事' }, P.groupHead));
    expect(back).toMatchObject({ state: 'submitted', responsible: { unitId: N1 } });
    // Back at its first level: nowhere further to hand it.
    ok(await w.call('request', 'accept', { id }, P.head1));
    expect(code(await w.call('request', 'handBack', { id, reason: '不想办' }, P.head1))).toBe('CONFLICT');
  });

  it('assigns to a member of the village, who resolves it or hands it back to the head', async () => {
    const id = await accepted();
    expect(code(await w.call('request', 'assign', { id, assigneeId: P.otherMember }, P.head1))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(await w.call('request', 'assign', { id, assigneeId: P.member }, P.head2))).toBe('FORBIDDEN');
    const { answer, trips } = await w.roundTrips('request', 'assign', { id, assigneeId: P.member }, P.head1);
    expect(ok(answer)).toMatchObject({ state: 'in_progress', assigneeName: '党员 吴党员' });
    expect(trips).toBeLessThanOrEqual(10);
    const assigned = ok(await w.call('request', 'list', { scope: 'assigned' }, P.member));
    expect(assigned.items.map((r: { _id: string }) => r._id)).toContain(id);
    const handedBack = ok(await w.call('request', 'handBack', { id, reason: '我这几天在外地' }, P.member));
    expect(handedBack).toMatchObject({ state: 'in_progress', responsible: { unitId: N1 } });
    expect((await stored(id)).assigneeId).toBeNull();
    ok(await w.call('request', 'assign', { id, assigneeId: P.member }, P.head1));
    expect(ok(await w.call('request', 'resolve', { id, result: '帮忙联系了电工' }, P.member)).state).toBe('resolved');
  });

  it('an admin dispatches down the request’s own ladder; the lower level may hand it back up', async () => {
    const id = await submitted();
    // First passed up to the village by the heads, then the village sends it to the block.
    ok(await w.call('request', 'accept', { id }, P.head1));
    ok(await w.call('request', 'escalate', { id, reason: '组里办不了' }, P.head1));
    ok(await w.call('request', 'accept', { id }, P.groupHead));
    ok(await w.call('request', 'escalate', { id, reason: '要片里协调' }, P.groupHead));
    ok(await w.call('request', 'accept', { id }, P.blockHead));
    ok(await w.call('request', 'escalate', { id, reason: '要村里出面' }, P.blockHead));
    expect((await stored(id)).responsibleUnitId).toBe(V1);
    ok(await w.call('request', 'accept', { id }, P.villageAdmin));
    expect(code(await w.call('request', 'assign', { id, unitId: N2 }, P.villageAdmin))).toBe('INVALID_ARGUMENT');
    const down = ok(await w.call('request', 'assign', { id, unitId: K1 }, P.villageAdmin));
    expect(down).toMatchObject({ state: 'submitted', responsible: { unitId: K1 } });
    const up = ok(await w.call('request', 'handBack', { id, reason: '片里没有这个权限' }, P.blockHead));
    expect(up).toMatchObject({ state: 'submitted', responsible: { unitId: V1 } });
  });

  it('concurrent resolves by the handler and the assignee: one wins', async () => {
    const id = await accepted();
    ok(await w.call('request', 'assign', { id, assigneeId: P.member }, P.head1));
    const answers = await Promise.all([
      w.call('request', 'resolve', { id, result: '修好了' }, P.head1),
      w.call('request', 'resolve', { id, result: '修好了' }, P.member),
    ]);
    expect(answers.map(code).sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('counts received, accepted on time, resolved, rated and satisfied in the village and town', async () => {
    const before = await counters(V1);
    const id = await accepted(P.head1, { category: 'dispute', parties: ['张三', '李四'] });
    ok(await w.call('request', 'resolve', { id, result: '调解成功' }, P.head1));
    ok(await w.call('request', 'rate', { id, rating: 'basic' }, P.villager));
    const after = await counters(V1);
    const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    expect(delta('request.received')).toBe(1);
    expect(delta('request.accepted')).toBe(1);
    expect(delta('request.acceptedOnTime')).toBe(1);
    expect(delta('request.resolved')).toBe(1);
    expect(delta('request.disputeResolved')).toBe(1);
    expect(delta('request.rated')).toBe(1);
    expect(delta('request.satisfied')).toBe(1);
    expect((await counters(TOWN))['request.received']).toBeGreaterThan(0);
  });

  it('comments are kept on the timeline for those it concerns only', async () => {
    const id = await submitted();
    ok(await w.call('request', 'comment', { id, requestId: rid(), text: '今晚还是黑的' }, P.villager));
    expect(code(await w.call('request', 'comment', { id, requestId: rid(), text: '路过看看' }, P.villagerN2))).toBe(
      'FORBIDDEN',
    );
    expect(code(await w.call('request', 'comment', { id, requestId: rid(), text: '傻逼' }, P.villager))).toBe(
      'CONTENT_REJECTED',
    );
    ok(await w.call('request', 'follow', { id }, P.neighbour));
    ok(await w.call('request', 'comment', { id, requestId: rid(), text: '我家门口也黑' }, P.neighbour));
    const detail = ok(await w.call('request', 'get', { id }, P.head1));
    const comments = detail.timeline.filter((t: { event: string }) => t.event === 'comment');
    expect(comments.map((t: { actor: string }) => t.actor)).toEqual(['张三', '关注的居民 李*']);
    const byNeighbour = ok(await w.call('request', 'get', { id }, P.neighbour));
    expect(byNeighbour.timeline.map((t: { actor: string }) => t.actor)).not.toContain('张三');
  });
});

describe('round-trips', () => {
  it('stay within the budget for reads and list', async () => {
    const id = await submitted();
    const get = await w.roundTrips('request', 'get', { id }, P.villager);
    expect(code(get.answer)).toBe('OK');
    expect(get.trips).toBeLessThanOrEqual(3);
    const list = await w.roundTrips('request', 'list', { scope: 'unit' }, P.groupHead);
    expect(list.trips).toBeLessThanOrEqual(2);
    const similar = await w.roundTrips('request', 'similar', { category: 'help' }, P.villager);
    expect(similar.trips).toBeLessThanOrEqual(2);
  });
});

export { N2 };
