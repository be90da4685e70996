import { problem, requestTools } from '../helpers/requests';
import { K1, L1, N1, P, TOWN, V1, code, ok, rid, startWorld, type Envelope, type World } from './world';

/**
 * Who a request reaches, through the local cloud with the real SDK: strangers and people who never agreed to the
 * privacy guideline find, follow, read and write nothing; a neighbour who follows sees the public view only;
 * dispute parties and phones stay with the handlers; nobody rates their own work; a link names only a resolved
 * request the member may see.
 */
let w: World;

/** Someone who opened the app but never agreed to the privacy guideline: no record of them exists. */
const NOBODY = 'o-never-agreed';
/** A resident of the same village but another block: not a neighbour of 第一组. */
const FAR = 'o-far-in-village';

beforeAll(async () => {
  w = await startWorld('request-trust');
  await w.db.collection('users').add({
    data: {
      _id: FAR,
      nickname: '远处村民',
      avatarUrl: '',
      roles: [],
      homeUnitId: K1,
      homeUnitPath: [TOWN, V1, K1],
      privacyAcceptedAt: new Date(),
      createdAt: new Date(),
    },
  });
});

afterAll(async () => {
  await w?.stop();
});

const { submitted, stored, countOf, counters } = requestTools(() => w);

function refused(answer: Envelope, errorCode: string, message?: RegExp) {
  expect(answer).toMatchObject({ ok: false, error: { code: errorCode } });
  if (!answer.ok) expect(answer.error.message).toMatch(message ?? /[\u4e00-\u9fa5]/);
}

const point = { type: 'Point', coordinates: [113.6, 26.5] };

describe('someone who never agreed to the privacy guideline', () => {
  it('finds, follows, comments and submits nothing, and nothing of them is stored', async () => {
    const id = await submitted({ category: 'complaint', text: '河边有人乱倒垃圾', point });
    const notAgreed = /隐私保护指引/;
    refused(await w.call('request', 'similar', { category: 'complaint', point }, NOBODY), 'FORBIDDEN', notAgreed);
    refused(await w.call('request', 'follow', { id }, NOBODY), 'FORBIDDEN', notAgreed);
    refused(
      await w.call('request', 'comment', { id, requestId: rid(), text: '我也看见了' }, NOBODY),
      'FORBIDDEN',
      notAgreed,
    );
    refused(await w.call('request', 'submit', problem(), NOBODY), 'FORBIDDEN', notAgreed);
    refused(await w.call('request', 'get', { id }, NOBODY), 'FORBIDDEN');
    expect((await stored(id)).followers).toEqual([]);
    expect(await countOf('requests', { participants: NOBODY })).toBe(0);
    expect(await countOf('requests', { submitter: NOBODY })).toBe(0);
    expect(await countOf('timeline', { actor: NOBODY })).toBe(0);
    expect(await countOf('users', { _id: NOBODY })).toBe(0);
  });
});

describe('similar', () => {
  it('searches the caller’s own village only, and answers a neighbour’s view: category, short masked text, state, age', async () => {
    const text = '桥栏杆断了，有事请打13812345678找我，孩子上学很危险，我家就在桥头第二户';
    const id = await submitted({
      category: 'suggestion',
      text,
      point,
      photos: [await w.upload('requests/bridge.jpg')],
    });
    const near = { type: 'Point', coordinates: [113.601, 26.5] };
    const found = ok(await w.call('request', 'similar', { category: 'suggestion', point: near }, P.villagerN2));
    const mine = found.find((r: { _id: string }) => r._id === id);
    expect(Object.keys(mine).sort()).toEqual(['_id', 'category', 'createdAt', 'state', 'text']);
    expect(mine).toMatchObject({ category: 'suggestion', state: 'submitted' });
    expect(mine.text).toContain('138****5678');
    expect(mine.text).not.toContain('13812345678');
    expect([...mine.text].length).toBeLessThanOrEqual(31);
    expect(JSON.stringify(found)).not.toMatch(/张三|coordinates|cloud:\/\//);
    // The same map point from another village finds nothing of this one.
    const stranger = ok(await w.call('request', 'similar', { category: 'suggestion', point: near }, P.otherMember));
    expect(stranger.map((r: { _id: string }) => r._id)).not.toContain(id);
  });
});

describe('follow and the public view', () => {
  it('only a neighbour of the same neighbourhood or group may follow; a stranger or someone far off may not', async () => {
    const id = await submitted();
    refused(await w.call('request', 'follow', { id }, P.otherMember), 'FORBIDDEN');
    refused(await w.call('request', 'follow', { id }, FAR), 'FORBIDDEN', /同一邻或同一组/);
    refused(await w.call('request', 'get', { id }, FAR), 'FORBIDDEN');
    ok(await w.call('request', 'follow', { id }, P.villagerN2));
    expect((await stored(id)).followers).toEqual([P.villagerN2]);
  });

  it('a follower sees no photos, point, parties, phone, handlers’ names, notes or comments', async () => {
    const photo = await w.upload('requests/quarrel.jpg');
    const id = await submitted({
      category: 'dispute',
      text: '两家为宅基地边界吵起来了',
      parties: ['张大山', '李小河'],
      point,
      photos: [photo],
    });
    ok(await w.call('request', 'accept', { id }, P.head1));
    ok(await w.call('request', 'comment', { id, requestId: rid(), text: '昨晚又吵了一次' }, P.villager));
    ok(await w.call('request', 'escalate', { id, reason: '赵家说要找律师' }, P.head1));
    ok(await w.call('request', 'follow', { id }, P.neighbour));
    const seen = ok(await w.call('request', 'get', { id }, P.neighbour));
    expect(seen.photos).toEqual([]);
    expect(seen.point).toBeUndefined();
    expect(seen.parties).toBeUndefined();
    expect(seen.handlerName).toBeUndefined();
    expect(seen.raisedBy).toBe('张*');
    expect(seen.timeline.map((t: { event: string }) => t.event)).toEqual(['submitted', 'accepted', 'escalated']);
    const json = JSON.stringify(seen);
    for (const secret of ['赵邻长', '张大山', '李小河', '张三', '找律师', '又吵了', 'cloud://', 'coordinates']) {
      expect({ secret, shown: json.includes(secret) }).toEqual({ secret, shown: false });
    }
    expect(seen.can).toMatchObject({ follow: false, comment: true, rate: false });
  });

  it('a follower who moved away no longer sees it', async () => {
    const id = await submitted();
    ok(await w.call('request', 'follow', { id }, P.neighbour));
    await w.db
      .collection('users')
      .doc(P.neighbour)
      .update({ data: { homeUnitId: K1, homeUnitPath: [TOWN, V1, K1] } });
    refused(await w.call('request', 'get', { id }, P.neighbour), 'FORBIDDEN');
    const listed = ok(await w.call('request', 'list', { scope: 'mine', state: 'all' }, P.neighbour));
    expect(listed.items.map((r: { _id: string }) => r._id)).not.toContain(id);
    await w.db
      .collection('users')
      .doc(P.neighbour)
      .update({ data: { homeUnitId: N1, homeUnitPath: L1 } });
    expect(code(await w.call('request', 'get', { id }, P.neighbour))).toBe('OK');
  });
});

describe('dispute parties', () => {
  it('are whole for the handler and the admins, masked for the resident and the other heads on the ladder', async () => {
    const id = await submitted({ category: 'dispute', text: '两家为水渠吵起来了', parties: ['张大山', '李小河'] });
    ok(await w.call('request', 'accept', { id }, P.head1));
    for (const whole of [P.head1, P.villageAdmin, P.townAdmin]) {
      expect({ whole, parties: ok(await w.call('request', 'get', { id }, whole)).parties }).toEqual({
        whole,
        parties: ['张大山', '李小河'],
      });
    }
    for (const masked of [P.villager, P.groupHead, P.blockHead]) {
      expect({ masked, parties: ok(await w.call('request', 'get', { id }, masked)).parties }).toEqual({
        masked,
        parties: ['张**', '李**'],
      });
    }
  });
});

describe('honest satisfaction', () => {
  it('a head who accepted and resolved it cannot rate it; the resident does', async () => {
    const id = await submitted();
    ok(await w.call('request', 'accept', { id }, P.head1));
    ok(await w.call('request', 'resolve', { id, result: '换了新灯泡' }, P.head1));
    refused(await w.call('request', 'rate', { id, rating: 'satisfied' }, P.head1), 'FORBIDDEN', /居民本人评价/);
    // A resident with the app rates it themselves: nobody records it for them.
    refused(await w.call('request', 'rate', { id, rating: 'satisfied' }, P.villageAdmin), 'FORBIDDEN');
    expect((await stored(id)).state).toBe('resolved');
    ok(await w.call('request', 'rate', { id, rating: 'satisfied' }, P.villager));
  });

  it('for a resident without the app, the reporting head cannot rate; an admin who took no part records it on their behalf, counted apart', async () => {
    const requestId = rid();
    ok(
      await w.call(
        'request',
        'report',
        { ...problem({ requestId }), unitId: N1, resident: { name: '何奶奶' } },
        P.head1,
      ),
    );
    ok(await w.call('request', 'accept', { id: requestId }, P.head1));
    ok(await w.call('request', 'resolve', { id: requestId, result: '已修好' }, P.head1));
    refused(
      await w.call('request', 'rate', { id: requestId, rating: 'satisfied' }, P.head1),
      'FORBIDDEN',
      /居民本人评价/,
    );
    refused(await w.call('request', 'rate', { id: requestId, rating: 'satisfied' }, P.groupHead), 'FORBIDDEN');
    const before = await counters(V1);
    const rated = ok(await w.call('request', 'rate', { id: requestId, rating: 'basic' }, P.villageAdmin));
    expect(rated).toMatchObject({ state: 'closed', rating: { value: 'basic', onBehalf: true } });
    const doc = await stored(requestId);
    expect(doc.rating).toMatchObject({ value: 'basic', onBehalf: true, recordedBy: P.villageAdmin });
    const after = await counters(V1);
    const delta = (k: string) => (after[k] ?? 0) - (before[k] ?? 0);
    expect([delta('request.ratedOnBehalf'), delta('request.rated'), delta('request.satisfied')]).toEqual([1, 0, 0]);
    const detail = ok(await w.call('request', 'get', { id: requestId }, P.head1));
    expect(detail.timeline.map((t: { event: string }) => t.event)).toContain('closedOnBehalf');
  });

  it('an admin who accepted it cannot record a rating for it either', async () => {
    const requestId = rid();
    ok(
      await w.call(
        'request',
        'report',
        { ...problem({ requestId }), unitId: N1, resident: { name: '段大勇' } },
        P.head1,
      ),
    );
    ok(await w.call('request', 'accept', { id: requestId }, P.villageAdmin));
    ok(await w.call('request', 'resolve', { id: requestId, result: '已修好' }, P.villageAdmin));
    refused(
      await w.call('request', 'rate', { id: requestId, rating: 'satisfied' }, P.villageAdmin),
      'FORBIDDEN',
      /居民本人评价/,
    );
    ok(await w.call('request', 'rate', { id: requestId, rating: 'satisfied' }, P.townAdmin));
  });
});

describe('report links a resident’s account', () => {
  it('only of a person who agreed to the guideline and lives in that neighbourhood', async () => {
    for (const userId of [P.villagerN2, NOBODY, P.otherMember]) {
      const input = { ...problem(), unitId: N1, resident: { name: '某居民', userId } };
      refused(await w.call('request', 'report', input, P.head1), 'INVALID_ARGUMENT');
      expect(await countOf('requests', { _id: input.requestId })).toBe(0);
    }
    const input = { ...problem(), unitId: N1, resident: { name: '李四', userId: P.neighbour } };
    ok(await w.call('request', 'report', input, P.head1));
    expect((await stored(input.requestId)).submitter).toBe(P.neighbour);
  });
});

describe('linkable', () => {
  it('lists the resolved requests the caller may see, for a pledge’s or a fulfilment’s link picker', async () => {
    const id = await submitted();
    ok(await w.call('request', 'accept', { id }, P.head1));
    ok(await w.call('request', 'assign', { id, assigneeId: P.member }, P.head1));
    const open = await submitted();
    const before = ok(await w.call('request', 'linkable', {}, P.member));
    expect(before.items.map((r: { _id: string }) => r._id)).not.toContain(id);
    ok(await w.call('request', 'resolve', { id, result: '党员帮忙修好了' }, P.member));
    const mine = ok(await w.call('request', 'linkable', {}, P.member));
    expect(mine.items.map((r: { _id: string }) => r._id)).toContain(id);
    expect(mine.items.map((r: { _id: string }) => r._id)).not.toContain(open);
    const theirs = ok(await w.call('request', 'linkable', {}, P.otherMember));
    expect(theirs.items.map((r: { _id: string }) => r._id)).not.toContain(id);
    refused(await w.call('request', 'linkable', { size: 500 }, P.member), 'INVALID_ARGUMENT');
  });
});
