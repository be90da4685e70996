import { B1, H, N1, P, TOWN, V1, V2, code, ok, rid, type World } from '../request/world';
import { MEMBER2, raw, residentsPledge, startStatsWorld, thisMonth, todayShanghai } from './world';
import { asRecount, recount } from './recount';

/**
 * Every figure of the dashboard is right as soon as the events happened, with no reconciliation run: the
 * breakdowns by category and level and the distinct figures (members who pledged, enterprises served,
 * households visited) are bumped by the request, pledge and visit functions themselves.
 */
let w: World;
/** Database round-trips of the events that now also write distinct markers, for the report. */
const measured: Record<string, number> = {};

beforeAll(async () => {
  w = await startStatsWorld('live-figures');

  const measure = async (name: string, fn: string, action: string, data: object, openid: string) => {
    const { answer, trips } = await w.roundTrips(fn, action, data, openid);
    measured[name] = trips;
    return ok(answer);
  };
  const submit = async (extra: object) =>
    ok(await w.call('request', 'submit', { requestId: rid(), ...extra }, P.villager)).id as string;
  const handle = async (id: string) => {
    ok(await w.call('request', 'accept', { id }, P.head1));
    await measure('resolve.enterprise', 'request', 'resolve', { id, result: '已经协调解决' }, P.head1);
  };
  // Two problems of one enterprise, both solved at the neighbourhood: one enterprise served.
  const factory = { name: '鹿原竹木加工厂' };
  await handle(await submit({ category: 'enterprise', text: '竹木加工厂用电容量不够', enterprise: factory }));
  await handle(await submit({ category: 'enterprise', text: '竹木加工厂门口的路被车压坏了', enterprise: factory }));
  // A dispute passed up to the group, which mediates it.
  const dispute = await submit({ category: 'dispute', text: '两户因宅基地边界起了争执', parties: ['张三', '李四'] });
  ok(await w.call('request', 'accept', { id: dispute }, P.head1));
  ok(await w.call('request', 'escalate', { id: dispute, reason: '需要组里协调' }, P.head1));
  ok(await w.call('request', 'accept', { id: dispute }, P.groupHead));
  await measure('resolve.dispute', 'request', 'resolve', { id: dispute, result: '双方签了调解协议' }, P.groupHead);

  // Three pledges by two members: submitted at once, and as a draft submitted later.
  const pledge = async (by: string, submitNow: boolean) =>
    ok(await w.call('pledge', 'create', residentsPledge(submitNow), by)).id as string;
  await pledge(P.member, true);
  await measure('pledge.submit', 'pledge', 'submit', { id: await pledge(P.member, false) }, P.member);
  await pledge(MEMBER2, true);

  // Three visits to two households; one raises a complaint.
  const visit = (householdId: string, problems: object[]) =>
    measure(
      `visit.log.${problems.length}problem`,
      'visit',
      'log',
      { requestId: rid(), household: { householdId }, date: todayShanghai(), discussed: '聊了今年的收成', problems },
      P.head1,
    );
  await visit(H.zhang, []);
  await visit(H.zhang, [{ category: 'complaint', text: '夜里有货车按喇叭，吵得睡不着' }]);
  await visit(H.li, []);
});

afterAll(async () => {
  console.info(`round-trips: ${JSON.stringify(measured)}`);
  await w?.stop();
});

const level = (board: { figures: { requests: { byLevel: Array<{ kind: string; resolved: number }> } } }) =>
  Object.fromEntries(board.figures.requests.byLevel.map((l) => [l.kind, l.resolved]));

it.each([
  ['the town', TOWN],
  ['the village', V1],
])('every figure of %s is right straight after the events, without reconciliation', async (_name, unitId) => {
  const board = ok(
    await w.call('stats', 'dashboard', { unitId, period: { kind: 'month', month: thisMonth() } }, P.townAdmin),
  );
  const figures = asRecount(board.figures);
  expect(figures).toEqual(recount(await raw(w), unitId, [thisMonth()], todayShanghai()));
  expect(figures).toMatchObject({
    received: 4,
    resolved: 3,
    members: 2,
    pledges: 3,
    enterprisesServed: 1,
    enterpriseProblemsSolved: 2,
    disputesMediated: 1,
    visits: 3,
    households: 2,
  });
  expect(figures.byCategory).toMatchObject({
    enterprise: { received: 2, resolved: 2 },
    dispute: { received: 1, resolved: 1 },
    complaint: { received: 1, resolved: 0 },
    help: { received: 0, resolved: 0 },
  });
  expect(level(board)).toEqual({ town: 0, village: 0, block: 0, group: 1, neighbourhood: 2 });
});

it('the town’s breakdown by village shows the same figures for the village', async () => {
  const period = { kind: 'month', month: thisMonth() };
  const town = ok(await w.call('stats', 'dashboard', { unitId: TOWN, period }, P.townAdmin));
  const village = ok(await w.call('stats', 'dashboard', { unitId: V1, period }, P.townAdmin));
  const row = town.units.find((u: { unitId: string }) => u.unitId === V1);
  expect(row.figures).toEqual(village.figures);
  expect(asRecount(row.figures)).toMatchObject({ members: 2, enterprisesServed: 1, households: 2 });
});

const dashboardOf = async (unitId: string, month = thisMonth()) =>
  ok(await w.call('stats', 'dashboard', { unitId, period: { kind: 'month', month } }, P.townAdmin));

describe('distinct figures from markers written once per event, at the village, folded by the timer', () => {
  const TWO_VILLAGES = 'o-member-two-villages';
  const due = () => new Date(Date.now() + 30 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const pledgeIn = async (branchId: string) =>
    ok(
      await w.call(
        'pledge',
        'create',
        {
          requestId: rid(),
          branchId,
          category: 'residents',
          content: '帮独居老人每周买一次菜',
          target: '坚持三个月',
          dueDay: due(),
          submit: true,
        },
        TWO_VILLAGES,
      ),
    );

  it('a member who pledged in two villages counts once for the town and once in each village', async () => {
    const grant = (unitId: string, branchId: string) => ({
      role: 'member',
      unitId,
      unitPath: [TOWN, unitId],
      branchId,
      grantedAt: '2026-01-01T00:00:00.000Z',
      grantedBy: 'seed',
    });
    await w.db.collection('users').add({
      data: {
        _id: TWO_VILLAGES,
        nickname: '两村党员',
        roles: [grant(V1, B1), grant(V2, 'b-other')],
        homeUnitId: null,
        homeUnitPath: [],
        createdAt: new Date(),
      },
    });
    const townBefore = asRecount((await dashboardOf(TOWN)).figures).members;
    const villageBefore = asRecount((await dashboardOf(V1)).figures).members;
    await pledgeIn(B1);
    await pledgeIn('b-other');

    // One marker per pledge, at its village; none at the town.
    const markers = (
      (await w.db.collection('counters').where({ name: 'pledge.members', month: thisMonth() }).get()) as unknown as {
        data: Array<{ unitId: string }>;
      }
    ).data;
    expect(markers.filter((m) => m.unitId === TOWN)).toEqual([]);

    const town = await dashboardOf(TOWN);
    expect(asRecount(town.figures)).toEqual(recount(await raw(w), TOWN, [thisMonth()], todayShanghai()));
    expect(town.figures.pledges.members).toBe(townBefore + 1);
    expect(asRecount((await dashboardOf(V1)).figures).members).toBe(villageBefore + 1);
    const v2 = town.units.find((u: { unitId: string }) => u.unitId === V2);
    expect(v2.figures.pledges.members).toBe(1);
    expect(asRecount((await dashboardOf(V2)).figures)).toEqual(
      recount(await raw(w), V2, [thisMonth()], todayShanghai()),
    );
  });

  it('the fold timer moves the markers into the gap counters: figures stay, and a key marked again counts once', async () => {
    const m = thisMonth();
    const markers = async () =>
      (
        (await w.db
          .collection('counters')
          .where({ month: m, name: w.db.command.in(['pledge.members', 'request.enterprises', 'visit.households']) })
          .get()) as unknown as { data: unknown[] }
      ).data.length;
    const boards = async () => Promise.all([TOWN, V1, V2].map(async (u) => asRecount((await dashboardOf(u)).figures)));
    const expected = await Promise.all([TOWN, V1, V2].map(async (u) => recount(await raw(w), u, [m], todayShanghai())));
    expect(await markers()).toBeGreaterThan(0);
    expect(await boards()).toEqual(expected);

    const report = ok(await w.fire('stats', 'fold'));
    expect(report.folded).toBeGreaterThan(0);
    expect(report.dropped).toBe(0);
    expect(await markers()).toBe(0);
    expect(await boards()).toEqual(expected);

    // A household visited again this month: its marker waits beside its folded sighting, and counts once.
    ok(
      await w.call(
        'visit',
        'log',
        {
          requestId: rid(),
          household: { householdId: H.li },
          date: todayShanghai(),
          discussed: '又去看了看',
          problems: [],
        },
        P.head1,
      ),
    );
    expect(await markers()).toBe(1);
    const again = await Promise.all([TOWN, V1, V2].map(async (u) => recount(await raw(w), u, [m], todayShanghai())));
    expect(again.map((f) => f.households)).toEqual(expected.map((f) => f.households));
    expect(await boards()).toEqual(again);
    expect(ok(await w.fire('stats', 'fold'))).toEqual({ folded: 1, dropped: 0 });
    expect(await boards()).toEqual(again);
  });

  it('visits logged while the fold timer runs again and again are each counted once', async () => {
    const m = thisMonth();
    // Twelve households, each visited twice, all at once, with four fold runs among them.
    const households: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const added = ok(
        await w.call('org', 'saveHousehold', { requestId: rid(), unitId: N1, headName: `并发户${i}` }, P.head1),
      );
      households.push(added._id as string);
    }
    const visits = Array.from({ length: 24 }, (_, i) =>
      w.call(
        'visit',
        'log',
        {
          requestId: rid(),
          household: { householdId: households[i % 12] },
          date: todayShanghai(),
          discussed: '入户走访',
          problems: [],
        },
        P.head1,
      ),
    );
    const folds = Array.from({ length: 4 }, () => w.fire('stats', 'fold'));
    const answers = await Promise.all([...visits, ...folds]);
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    ok(await w.fire('stats', 'fold'));
    for (const unitId of [TOWN, V1]) {
      const expected = recount(await raw(w), unitId, [m], todayShanghai());
      expect(asRecount((await dashboardOf(unitId)).figures)).toEqual(expected);
    }
    const report = ok(await w.call('stats', 'reconcile', { unitId: TOWN, from: m, to: m }, P.townAdmin));
    expect(report.fixes).toEqual([]);
  });

  it('the fold timer refuses every user', async () => {
    expect(code(await w.call('stats', 'fold', {}, P.townAdmin))).toBe('FORBIDDEN');
  });
});

describe('counter shards prepared by the nightly timer', () => {
  const nextMonth = () => {
    const [y, mo] = thisMonth().split('-').map(Number);
    return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  };
  const shards = async (month: string) =>
    (
      (await w.db
        .collection('counters')
        .where({ month, shard: w.db.command.in([0, 1, 2, 3]) })
        .limit(1000)
        .get()) as unknown as { data: Array<{ _id: string; counts: object }> }
    ).data;

  it('exist for this month and next for the town and every village, keep what is counted, and show no data', async () => {
    // Markers folded first: the night then finds the counters right and changes no count.
    ok(await w.fire('stats', 'fold'));
    const countedBefore = await shards(thisMonth());
    const boardBefore = await dashboardOf(TOWN);
    ok(await w.fire('stats', 'nightly'));

    const ids = (list: Array<{ _id: string }>) => list.map((d) => d._id).sort();
    for (const month of [thisMonth(), nextMonth()]) {
      const expected = [TOWN, V1, V2].flatMap((u) => [0, 1, 2, 3].map((i) => `${u}_${month}_${i}`)).sort();
      expect(ids(await shards(month)).filter((id) => expected.includes(id))).toEqual(expected);
    }
    // Nothing counted is overwritten, and a month with prepared shards only still has no data.
    const after = new Map((await shards(thisMonth())).map((d) => [d._id, d.counts]));
    for (const d of countedBefore) expect(after.get(d._id)).toEqual(d.counts);
    expect(await dashboardOf(TOWN)).toEqual(boardBefore);
    const next = await dashboardOf(TOWN, nextMonth());
    expect(next.figures).toBeNull();
    expect(next.trend).toEqual([{ month: nextMonth(), figures: null }]);
    // The town organs' row, then each village.
    expect(next.units.map((u: { figures: unknown }) => u.figures)).toEqual([null, null, null]);

    // A second night creates nothing more.
    const count = (await shards(nextMonth())).length;
    ok(await w.fire('stats', 'nightly'));
    expect((await shards(nextMonth())).length).toBe(count);
  });
});
