import { P, TOWN, V1, V2, code, ok, rid, type World } from '../request/world';
import { allDocs, raw, startStatsWorld, thisMonth, todayShanghai } from './world';
import { asRecount, recount } from './recount';

/**
 * 营商服务 filed at the enterprise's registered place (issue 15): an enterprise registered in 东村 (village A) whose
 * problem a neighbour head of 西草坪村 (village B) reports is filed at 东村, handled up 东村's ladder and counted
 * there; an enterprise served by a practice and behind a request is one enterprise served. Through the local cloud
 * with the real SDK.
 */
let w: World;
const BRICKWORKS = 'place-dongcun-brickworks';
const OTHER_BRANCH = 'b-other';
const TEA = 'place-dongcun-tea';
const ORGANS_BRANCH = 'b-town-organs';

interface StoredRequest {
  _id: string;
  unitId: string;
  unitPath: string[];
  responsibleUnitId: string;
  enterprise?: { name: string; placeId?: string };
}

const month = { kind: 'month', month: thisMonth() };
const figures = async (unitId: string) =>
  ok(await w.call('stats', 'dashboard', { unitId, period: month }, P.townAdmin)).figures;
const stored = async (id: string) => (await allDocs<StoredRequest>(w, 'requests', { _id: id }))[0];

beforeAll(async () => {
  w = await startStatsWorld('stats-enterprise');
  await w.db.collection('places').add({
    data: { _id: BRICKWORKS, name: '东村砖厂', kind: 'enterprise', unitId: V2, unitPath: [TOWN, V2] },
  });
  await w.db.collection('places').add({
    data: { _id: TEA, name: '东村茶厂', kind: 'enterprise', unitId: V2, unitPath: [TOWN, V2] },
  });
  await w.db
    .collection('branches')
    .add({ data: { _id: OTHER_BRANCH, name: '东村党支部', unitId: V2, unitPath: [TOWN, V2] } });
  await w.db
    .collection('branches')
    .add({ data: { _id: ORGANS_BRANCH, name: '镇机关党支部', unitId: TOWN, unitPath: [TOWN] } });
});

afterAll(async () => {
  await w?.stop();
});

describe('an enterprise problem', () => {
  let reported: string;
  let submitted: string;

  it('reported by a head of another village is filed at the enterprise’s registered village', async () => {
    reported = rid();
    ok(
      await w.call(
        'request',
        'report',
        {
          requestId: reported,
          category: 'enterprise',
          text: '砖厂用电容量不够，影响生产',
          enterprise: { name: '东村砖厂', placeId: BRICKWORKS },
          unitId: 'n-xcp-1',
          resident: { name: '砖厂刘经理' },
        },
        P.head1,
      ),
    );
    expect(await stored(reported)).toMatchObject({
      unitId: V2,
      unitPath: [TOWN, V2],
      responsibleUnitId: V2,
      enterprise: { name: '东村砖厂', placeId: BRICKWORKS },
    });
    // A villager of 西草坪村 naming it without its id: the registered enterprise of that name, at 东村 too.
    submitted = ok(
      await w.call(
        'request',
        'submit',
        { requestId: rid(), category: 'enterprise', text: '砖厂门口的路被压坏了', enterprise: { name: '东村砖厂' } },
        P.villager,
      ),
    ).id;
    expect(await stored(submitted)).toMatchObject({
      unitPath: [TOWN, V2],
      enterprise: { name: '东村砖厂', placeId: BRICKWORKS },
    });
  });

  it('is handled by the registered village’s ladder, not the reporter’s', async () => {
    for (const openid of [P.head1, P.villageAdmin])
      expect(code(await w.call('request', 'accept', { id: reported }, openid))).toBe('FORBIDDEN');
    for (const id of [reported, submitted]) {
      ok(await w.call('request', 'accept', { id }, P.otherAdmin));
      ok(await w.call('request', 'resolve', { id, result: '已协调供电所增容' }, P.otherAdmin));
    }
    // The reporting head still follows what they reported.
    expect(ok(await w.call('request', 'get', { id: reported }, P.head1))._id).toBe(reported);
  });

  it('counts the enterprise once, under its registered village, with a practice that served it', async () => {
    // 东村党支部's practice today at the brickworks, written up with the enterprise's name.
    const practice = ok(
      await w.call(
        'activity',
        'plan',
        {
          requestId: rid(),
          branchId: OTHER_BRANCH,
          kind: 'practice',
          title: '走访砖厂',
          startAt: new Date().toISOString(),
          place: { placeId: BRICKWORKS },
        },
        P.otherAdmin,
      ),
    );
    ok(await w.call('activity', 'openCheckin', { id: practice._id }, P.otherAdmin));
    ok(await w.call('activity', 'openCheckin', { id: practice._id, close: true }, P.otherAdmin));
    ok(
      await w.call(
        'activity',
        'record',
        { id: practice._id, summary: '走访砖厂，了解用电难题', practice: { enterprises: ['东村砖厂'] } },
        P.otherAdmin,
      ),
    );

    const [a, b, town] = [await figures(V2), await figures(V1), await figures(TOWN)];
    expect({ served: a.requests.enterprisesServed, solved: a.requests.enterpriseProblemsSolved }).toEqual({
      served: 1,
      solved: 2,
    });
    // Nothing is counted at the reporter's village: the problem, the enterprise and the practice are 东村's.
    expect(b).toBeNull();
    expect({ served: town.requests.enterprisesServed, solved: town.requests.enterpriseProblemsSolved }).toEqual({
      served: 1,
      solved: 2,
    });
    // The independent recount from the raw records agrees, unit by unit.
    const records = await raw(w);
    for (const [unitId, board] of [
      [V2, a],
      [TOWN, town],
    ] as const)
      expect(asRecount(board)).toEqual(recount(records, unitId, [thisMonth()], todayShanghai()));
    expect(recount(records, V1, [thisMonth()], todayShanghai())).toMatchObject({
      enterprisesServed: 0,
      enterpriseProblemsSolved: 0,
    });
  });

  it('counts the enterprises a town organs’ practice served under their registered village, not the organs’ row', async () => {
    const practice = ok(
      await w.call(
        'activity',
        'plan',
        {
          requestId: rid(),
          branchId: ORGANS_BRANCH,
          kind: 'practice',
          title: '镇机关走访企业',
          startAt: new Date().toISOString(),
          place: { description: '东村工业区' },
        },
        P.townAdmin,
      ),
    );
    ok(await w.call('activity', 'openCheckin', { id: practice._id }, P.townAdmin));
    ok(await w.call('activity', 'openCheckin', { id: practice._id, close: true }, P.townAdmin));
    ok(
      await w.call(
        'activity',
        'record',
        // Two enterprises registered in 东村 (the brickworks already served there) and one not registered.
        {
          id: practice._id,
          summary: '走访东村企业',
          practice: { enterprises: ['东村茶厂', '东村砖厂', '路口小卖部'] },
        },
        P.townAdmin,
      ),
    );
    const served = async () => {
      const board = ok(await w.call('stats', 'dashboard', { unitId: TOWN, period: month }, P.townAdmin));
      const row = (unitId: string, organs: boolean) =>
        board.units.find(
          (u: { unitId: string; townOrgans?: boolean }) => u.unitId === unitId && !!u.townOrgans === organs,
        ).figures?.requests.enterprisesServed ?? 0;
      return {
        town: board.figures.requests.enterprisesServed,
        organs: row(TOWN, true),
        dongcun: row(V2, false),
        xicaoping: row(V1, false),
      };
    };
    // 东村: the brickworks (practice and requests, once) and the tea factory; the organs: the shop only.
    const live = { town: 3, organs: 1, dongcun: 2, xicaoping: 0 };
    expect(await served()).toEqual(live);
    const records = await raw(w);
    for (const unitId of [V2, TOWN])
      expect(asRecount(await figures(unitId))).toEqual(recount(records, unitId, [thisMonth()], todayShanghai()));

    // Rebuilt from the records, the village and the town find nothing to repair and give the same figures.
    for (const unitId of [V2, TOWN]) {
      const report = ok(
        await w.call('stats', 'reconcile', { unitId, from: thisMonth(), to: thisMonth() }, P.townAdmin),
      );
      expect(report.fixes).toEqual([]);
    }
    expect(await served()).toEqual(live);
  });

  it('refuses an enterprise id the town has not registered, storing nothing', async () => {
    const requestId = rid();
    const answer = await w.call(
      'request',
      'submit',
      { requestId, category: 'enterprise', text: '厂里缺工人', enterprise: { name: '某厂', placeId: 'no-such-place' } },
      P.villager,
    );
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '找不到这家企业，请从本镇登记的企业中选择' },
    });
    expect(await allDocs(w, 'requests', { _id: requestId })).toEqual([]);
  });
});
