import { grant } from '../helpers/world';
import { G1, N1, N2, P, TOWN, V1, code, ok, rid, startWorld, type World } from '../request/world';

/**
 * The visit function through the local cloud: a head logs a visit whose problems become requests in one step,
 * sees who is not visited yet this month, and the village sees coverage per head as a list by unit.
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
  household: { userId: P.villager },
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
  it('logs a visit whose two problems become two requests reported for the household, in one step', async () => {
    // This month's counter shards exist, as the stats nightly timer leaves them in a running town.
    ok(await w.fire('stats', 'nightly'));
    const input = visit();
    const { answer, trips } = await w.roundTrips('visit', 'log', input, P.head1);
    const result = ok(answer);
    expect(result).toMatchObject({ id: input.requestId, created: true });
    expect(result.requestIds).toHaveLength(2);
    for (const id of result.requestIds) {
      const detail = ok(await w.call('request', 'get', { id }, P.villager));
      expect(detail).toMatchObject({ state: 'submitted', reportedByHead: true, responsible: { unitId: N1 } });
    }
    const mine = ok(await w.call('request', 'list', { scope: 'mine' }, P.villager));
    expect(mine.items.map((r: { _id: string }) => r._id)).toEqual(expect.arrayContaining(result.requestIds));
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

  it('never copies a registered resident’s profile phone into their requests; a number they give there and then goes with them', async () => {
    await w.db
      .collection('users')
      .doc(P.villager)
      .update({ data: { phone: '13700001111' } });
    const silent = ok(await w.call('visit', 'log', visit(), P.head1));
    const { data: quiet } = (await w.db.collection('requests').doc(silent.requestIds[0]).get()) as unknown as {
      data: { residentPhone: string | null };
    };
    expect(quiet.residentPhone).toBeNull();
    const given = ok(
      await w.call('visit', 'log', visit({ household: { userId: P.villager, phone: '13900002222' } }), P.head1),
    );
    const detail = ok(await w.call('request', 'get', { id: given.requestIds[0] }, P.head1));
    expect(detail.residentPhone).toBe('13900002222');
    await w.db
      .collection('users')
      .doc(P.villager)
      .update({ data: { phone: '' } });
  });

  it('a named household without an account, in the neighbourhood of the head', async () => {
    const input = visit({ household: { name: '刘奶奶', phone: '13912345678' }, problems: [] });
    ok(await w.call('visit', 'log', input, P.head1));
    expect(await countOf('visits', { _id: input.requestId, householdName: '刘奶奶' })).toBe(1);
  });

  it('a group head logs a visit in a neighbourhood of the group', async () => {
    const input = visit({ household: { userId: P.villagerN2 }, problems: [] });
    expect(code(await w.call('visit', 'log', input, P.groupHead))).toBe('OK');
  });

  it('refuses households outside the head’s unit, villagers, members and bad input; stores nothing', async () => {
    const outside = visit({ household: { userId: P.villagerN2 } });
    expect(code(await w.call('visit', 'log', outside, P.head1))).toBe('FORBIDDEN');
    expect(code(await w.call('visit', 'log', visit(), P.villager))).toBe('FORBIDDEN');
    expect(code(await w.call('visit', 'log', visit(), P.member))).toBe('FORBIDDEN');
    const bad = visit({ date: '28/11/2026' });
    expect(code(await w.call('visit', 'log', bad, P.head1))).toBe('INVALID_ARGUMENT');
    const tooMany = visit({ problems: Array.from({ length: 6 }, () => ({ category: 'help', text: '路灯坏了' })) });
    expect(code(await w.call('visit', 'log', tooMany, P.head1))).toBe('INVALID_ARGUMENT');
    for (const input of [outside, bad, tooMany]) expect(await countOf('visits', { _id: input.requestId })).toBe(0);
    expect(await countOf('requests', { visitId: outside.requestId })).toBe(0);
  });

  it('refuses a problem that fails the content check, storing neither visit nor requests', async () => {
    const input = visit({ problems: [{ category: 'help', text: '有人在村里刷单返利骗钱' }] });
    expect(code(await w.call('visit', 'log', input, P.head1))).toBe('CONTENT_REJECTED');
    expect(await countOf('visits', { _id: input.requestId })).toBe(0);
  });
});

describe('list', () => {
  it('shows the head’s visits of the month and the households not visited yet', async () => {
    const visits = ok(await w.call('visit', 'list', { view: 'visits' }, P.head1));
    expect(visits.items.length).toBeGreaterThan(0);
    const waiting = ok(await w.call('visit', 'list', { view: 'notVisited' }, P.head1));
    const names = waiting.households.map((h: { name: string }) => h.name);
    expect(names).not.toContain('张三');
    expect(names).toContain('李四');
    expect(waiting.total).toBeGreaterThan(waiting.households.length);
    expect(code(await w.call('visit', 'list', {}, P.villager))).toBe('FORBIDDEN');
  });
});

describe('coverage', () => {
  it('lists each head with households visited out of households in the unit, ordered by unit, not by score', async () => {
    const { answer, trips } = await w.roundTrips('visit', 'coverage', { villageId: V1 }, P.villageAdmin);
    const { rows } = ok(answer);
    expect(rows.map((r: { unitId: string }) => r.unitId)).toEqual([expect.any(String), G1, N1, N2]);
    const n1 = rows.find((r: { unitId: string }) => r.unitId === N1);
    expect(n1).toMatchObject({ headName: '赵邻长', roleLabel: '邻长', visited: 2 });
    expect(n1.households).toBeGreaterThanOrEqual(4);
    const n2 = rows.find((r: { unitId: string }) => r.unitId === N2);
    expect(n2).toMatchObject({ visited: 0 });
    expect(trips).toBeLessThanOrEqual(3);
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
