import { grant } from '../helpers/world';
import { G1, H, N1, N2, P, TOWN, V1, code, ok, rid, startWorld, type World } from '../request/world';

/**
 * The visit function through the local cloud: a head logs a visit to a household of the village's list, whose
 * problems become requests in one step, sees who is not visited yet this month, and the village sees coverage per
 * head against its households, as a list by unit.
 */
let w: World;

beforeAll(async () => {
  w = await startWorld('visit');
});

afterAll(async () => {
  await w?.stop();
});

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const visit = (extra: object = {}) => ({
  requestId: rid(),
  household: { householdId: H.zhang },
  date: today(),
  discussed: '聊了今年的收成和孩子上学的事',
  problems: [
    { category: 'help', text: '屋后的排水沟堵了，下雨就漫进院子' },
    { category: 'consultation', text: '想问问医保怎么在手机上交' },
  ],
  ...extra,
});

async function countOf(collection: string, where: object): Promise<number> {
  const { total } = (await w.db.collection(collection).where(where).count()) as { total: number };
  return total;
}

describe('log', () => {
  it('logs a visit to a household whose two problems become two requests reported for it, in one step', async () => {
    // This month's counter shards exist, as the stats nightly timer leaves them in a running town.
    ok(await w.fire('stats', 'nightly'));
    const input = visit();
    const { answer, trips } = await w.roundTrips('visit', 'log', input, P.head1);
    const result = ok(answer);
    expect(result).toMatchObject({ id: input.requestId, created: true });
    expect(result.requestIds).toHaveLength(2);
    for (const id of result.requestIds) {
      const detail = ok(await w.call('request', 'get', { id }, P.head1));
      expect(detail).toMatchObject({ state: 'submitted', reportedByHead: true, responsible: { unitId: N1 } });
    }
    const { data: stored } = (await w.db.collection('visits').doc(input.requestId).get()) as unknown as {
      data: { householdId: string; householdKey: string; householdName: string };
    };
    expect(stored).toMatchObject({ householdId: H.zhang, householdKey: `hh:${H.zhang}`, householdName: '张三' });
    // reads: caller, household, ladder, re-read; writes: visit, 2 × (request + timeline), 2 counter shards
    // (village, town; the nightly timer prepared them), one household marker at the village; start, commit.
    // With one problem that is 6 writes (tests/functions/request/roundtrips.test.ts).
    expect(trips).toBeLessThanOrEqual(14);
  });

  it('is idempotent: a retried log makes one visit and one set of requests', async () => {
    const input = visit();
    const answers = await Promise.all([w.call('visit', 'log', input, P.head1), w.call('visit', 'log', input, P.head1)]);
    expect(answers.map(code)).toEqual(['OK', 'OK']);
    expect(await countOf('visits', { _id: input.requestId })).toBe(1);
    expect(await countOf('requests', { visitId: input.requestId })).toBe(2);
  });

  it('never copies the household list’s phone into its requests; a number given there and then goes with them', async () => {
    await w.db
      .collection('households')
      .doc(H.zhang)
      .update({ data: { phone: '13700001111' } });
    const silent = ok(await w.call('visit', 'log', visit(), P.head1));
    const { data: quiet } = (await w.db.collection('requests').doc(silent.requestIds[0]).get()) as unknown as {
      data: { residentPhone: string | null; residentName: string };
    };
    expect(quiet).toMatchObject({ residentPhone: null, residentName: '张三' });
    const given = ok(
      await w.call('visit', 'log', visit({ household: { householdId: H.zhang, phone: '13900002222' } }), P.head1),
    );
    const detail = ok(await w.call('request', 'get', { id: given.requestIds[0] }, P.head1));
    expect(detail.residentPhone).toBe('13900002222');
    await w.db
      .collection('households')
      .doc(H.zhang)
      .update({ data: { phone: '' } });
  });

  it('takes no typed name: a household missing from the list is added first (org.saveHousehold), then visited', async () => {
    const typed = visit({ household: { name: '刘奶奶' }, problems: [] });
    expect(code(await w.call('visit', 'log', typed, P.head1))).toBe('INVALID_ARGUMENT');
    const added = ok(
      await w.call(
        'org',
        'saveHousehold',
        { requestId: rid(), unitId: N1, headName: '刘奶奶', address: '9号' },
        P.head1,
      ),
    );
    const input = visit({ household: { householdId: added._id }, problems: [] });
    ok(await w.call('visit', 'log', input, P.head1));
    expect(await countOf('visits', { _id: input.requestId, householdId: added._id, householdName: '刘奶奶' })).toBe(1);
    expect(await countOf('visits', { _id: typed.requestId })).toBe(0);
  });

  it('a group head logs a visit in a neighbourhood of the group', async () => {
    const input = visit({ household: { householdId: H.wang }, problems: [] });
    expect(code(await w.call('visit', 'log', input, P.groupHead))).toBe('OK');
  });

  it('refuses households outside the head’s unit, closed or unknown ones, villagers, members and bad input; stores nothing', async () => {
    const outside = visit({ household: { householdId: H.wang } });
    const refused = await w.call('visit', 'log', outside, P.head1);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('本单位的农户') },
    });
    const otherVillage = visit({ household: { householdId: H.east } });
    expect(code(await w.call('visit', 'log', otherVillage, P.groupHead))).toBe('FORBIDDEN');
    const unknown = visit({ household: { householdId: 'hh-nowhere' } });
    expect(code(await w.call('visit', 'log', unknown, P.head1))).toBe('NOT_FOUND');
    const gone = ok(
      await w.call('org', 'saveHousehold', { requestId: rid(), unitId: N1, headName: '迁走户' }, P.head1),
    );
    ok(await w.call('org', 'closeHousehold', { id: gone._id, reason: 'moved_out' }, P.villageAdmin));
    const closed = visit({ household: { householdId: gone._id } });
    expect(code(await w.call('visit', 'log', closed, P.head1))).toBe('CONFLICT');
    expect(code(await w.call('visit', 'log', visit(), P.villager))).toBe('FORBIDDEN');
    expect(code(await w.call('visit', 'log', visit(), P.member))).toBe('FORBIDDEN');
    const bad = visit({ date: '28/11/2026' });
    expect(code(await w.call('visit', 'log', bad, P.head1))).toBe('INVALID_ARGUMENT');
    const tooMany = visit({ problems: Array.from({ length: 6 }, () => ({ category: 'help', text: '路灯坏了' })) });
    expect(code(await w.call('visit', 'log', tooMany, P.head1))).toBe('INVALID_ARGUMENT');
    for (const input of [outside, otherVillage, unknown, closed, bad, tooMany])
      expect(await countOf('visits', { _id: input.requestId })).toBe(0);
    expect(await countOf('requests', { visitId: outside.requestId })).toBe(0);
  });

  it('refuses a problem that fails the content check, storing neither visit nor requests', async () => {
    const input = visit({ problems: [{ category: 'help', text: '有人在村里刷单返利骗钱' }] });
    expect(code(await w.call('visit', 'log', input, P.head1))).toBe('CONTENT_REJECTED');
    expect(await countOf('visits', { _id: input.requestId })).toBe(0);
  });
});

describe('list and notVisited', () => {
  it('shows the head’s own visits of the month', async () => {
    const visits = ok(await w.call('visit', 'list', {}, P.head1));
    expect(visits.items.length).toBeGreaterThan(0);
    expect(visits.items[0]).toMatchObject({ householdId: expect.any(String), householdName: expect.any(String) });
    expect(code(await w.call('visit', 'list', {}, P.villager))).toBe('FORBIDDEN');
  });

  it('lists the unit’s open households nobody visited this month, by house number, phones masked for a head', async () => {
    await w.db
      .collection('households')
      .doc(H.li)
      .update({ data: { phone: '13811115555' } });
    const waiting = ok(await w.call('visit', 'notVisited', { unitId: N1 }, P.head1));
    // 张三 (1号) and 刘奶奶 were visited; 李四 (3号) and 刘桂英 (12号) wait, in house-number order (3 before 12).
    expect(waiting.households.map((h: { headName: string }) => h.headName)).toEqual(['李四', '刘桂英']);
    expect(waiting.households[0]).toMatchObject({ _id: H.li, address: '3号', unitName: '一邻', phone: '138****5555' });
    expect(waiting.total).toBe(4);
    // The group head's visit to 王五 counts for 二邻: a household visited by any head is visited.
    const group = ok(await w.call('visit', 'notVisited', { unitId: G1 }, P.groupHead));
    expect(group.households.map((h: { headName: string }) => h.headName)).toEqual(['李四', '刘桂英']);
    expect(group.total).toBe(5);
    const admin = ok(await w.call('visit', 'notVisited', { unitId: N1 }, P.villageAdmin));
    expect(admin.households[0].phone).toBe('13811115555');
    const lastMonth = ok(await w.call('visit', 'notVisited', { unitId: N1, month: '2020-01' }, P.head1));
    expect(lastMonth.households).toHaveLength(4);
  });

  it('is for the unit’s heads and the admins above it: never a head of another unit, a villager or a member', async () => {
    expect(code(await w.call('visit', 'notVisited', { unitId: N1 }, P.townAdmin))).toBe('OK');
    for (const who of [P.head2, P.villager, P.member, P.otherAdmin]) {
      expect(code(await w.call('visit', 'notVisited', { unitId: N1 }, who))).toBe('FORBIDDEN');
    }
    expect(code(await w.call('visit', 'notVisited', { unitId: N1, month: '2026-13' }, P.head1))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('coverage', () => {
  it('counts each unit’s open households visited out of its open households, ordered by unit, not by score', async () => {
    const { answer, trips } = await w.roundTrips('visit', 'coverage', { villageId: V1 }, P.villageAdmin);
    const { rows, total } = ok(answer);
    expect(rows.map((r: { unitId: string }) => r.unitId)).toEqual([expect.any(String), G1, N1, N2]);
    // 一邻: 张三 and 刘奶奶 visited out of 张三, 李四, 刘桂英, 刘奶奶 (迁走户 is closed; the people with accounts
    // living there — 张三, 李四, 赵邻长, 孙组长, 郑书记 — are not what is counted).
    expect(rows.find((r: { unitId: string }) => r.unitId === N1)).toMatchObject({
      headName: '赵邻长',
      roleLabel: '邻长',
      visited: 2,
      households: 4,
    });
    expect(rows.find((r: { unitId: string }) => r.unitId === N2)).toMatchObject({ visited: 1, households: 1 });
    expect(rows.find((r: { unitId: string }) => r.unitId === G1)).toMatchObject({ visited: 3, households: 5 });
    expect(total).toEqual({ visited: 3, households: 5 });
    expect(trips).toBeLessThanOrEqual(4);
  });

  it('agrees with the dashboard: the village’s households visited this month are the figure it shows', async () => {
    ok(await w.fire('stats', 'fold'));
    const { total } = ok(await w.call('visit', 'coverage', { villageId: V1 }, P.villageAdmin));
    const period = { kind: 'month', month: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7) };
    const board = ok(await w.call('stats', 'dashboard', { unitId: V1, period }, P.villageAdmin));
    expect(board.figures.visits.households).toBe(total.visited);
  });

  it('moves with the households: a household closed or moved away leaves the unit’s figures', async () => {
    const before = ok(await w.call('visit', 'coverage', { villageId: V1, unitId: N1 }, P.head1)).rows[0];
    ok(await w.call('org', 'saveHousehold', { id: H.liu, unitId: N2, headName: '刘桂英' }, P.villageAdmin));
    const after = ok(await w.call('visit', 'coverage', { villageId: V1, unitId: N1 }, P.head1)).rows[0];
    expect(after).toMatchObject({ visited: before.visited, households: before.households - 1 });
    const n2 = ok(await w.call('visit', 'notVisited', { unitId: N2 }, P.head2));
    expect(n2.households.map((h: { headName: string }) => h.headName)).toEqual(['刘桂英']);
    ok(await w.call('org', 'saveHousehold', { id: H.liu, unitId: N1, headName: '刘桂英' }, P.villageAdmin));
  });

  it('is for the village’s admins, the town and the branch secretary only', async () => {
    expect(code(await w.call('visit', 'coverage', { villageId: V1 }, P.townAdmin))).toBe('OK');
    expect(code(await w.call('visit', 'coverage', { villageId: V1 }, P.secretary))).toBe('OK');
    for (const who of [P.otherAdmin, P.head1, P.villager]) {
      expect(code(await w.call('visit', 'coverage', { villageId: V1 }, who))).toBe('FORBIDDEN');
    }
  });

  it('the town organs’ branch secretary sees no village’s coverage, unless also an admin of it', async () => {
    const organs = 'o-town-organs-secretary';
    await w.db.collection('users').add({
      data: {
        _id: organs,
        nickname: '机关书记',
        roles: [grant('branch_secretary', [TOWN], 'b-town-organs')],
        homeUnitId: null,
        homeUnitPath: [],
        privacyAcceptedAt: new Date(),
        createdAt: new Date(),
      },
    });
    expect(code(await w.call('visit', 'coverage', { villageId: V1 }, organs))).toBe('FORBIDDEN');
    await w.db
      .collection('users')
      .doc(organs)
      .update({
        data: {
          roles: [grant('branch_secretary', [TOWN], 'b-town-organs'), grant('village_admin', [TOWN, V1])],
        },
      });
    expect(code(await w.call('visit', 'coverage', { villageId: V1 }, organs))).toBe('OK');
  });

  it('shows a head their own unit and the units below it, and no other unit', async () => {
    const own = ok(await w.call('visit', 'coverage', { villageId: V1, unitId: N1 }, P.head1));
    expect(own.rows.map((r: { unitId: string }) => r.unitId)).toEqual([N1]);
    const group = ok(await w.call('visit', 'coverage', { villageId: V1, unitId: G1 }, P.groupHead));
    expect(group.rows.map((r: { unitId: string }) => r.unitId)).toEqual([G1, N1, N2]);
    expect(code(await w.call('visit', 'coverage', { villageId: V1, unitId: N2 }, P.head1))).toBe('FORBIDDEN');
    expect(code(await w.call('visit', 'coverage', { villageId: V1, unitId: 'n-nowhere' }, P.head1))).toBe('NOT_FOUND');
    expect(code(await w.call('visit', 'coverage', { villageId: V1, unitId: '' }, P.head1))).toBe('INVALID_ARGUMENT');
  });
});
