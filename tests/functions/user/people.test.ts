import { BRANCH, PERSONA, UNIT } from '../../../emulator/seed/ids';
import { code, newPerson, ok, startDemoWorld, type DemoWorld } from './world';

/** People of a unit for its admins, phone masking, direct grants and revocations, and the change log. */
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('user-people');
});
afterAll(() => world?.stop());

type Person = { openid: string; phone: string; nickname: string };

describe('user.listPeople', () => {
  it("shows a village's people to its admin, newest first, in pages, with their phone numbers masked", async () => {
    const { answer, trips } = await world.measured(PERSONA.villageAdmin, 'user', 'listPeople', {
      unitId: UNIT.xicaoping,
      size: 5,
    });
    const first = ok(answer);
    expect(trips).toBeLessThanOrEqual(3);
    expect(first.items).toHaveLength(5);
    const second = ok(
      await world.call(PERSONA.villageAdmin, 'user', 'listPeople', {
        unitId: UNIT.xicaoping,
        size: 50,
        cursor: first.nextCursor,
      }),
    );
    const all: Person[] = [...first.items, ...second.items];
    expect(new Set(all.map((p) => p.openid)).size).toBe(all.length);
    expect(all.map((p) => p.openid)).toEqual(
      expect.arrayContaining([PERSONA.villager, PERSONA.member, 'demo-household-6']),
    );
    expect(all.map((p) => p.openid)).not.toContain(PERSONA.otherVillager);
    // A resident's number reaches only the handlers of their own request, with it: never an admin's list.
    expect(all.find((p) => p.openid === PERSONA.villager)?.phone).toBe('138****0101');
  });

  it('finds people by part of their name and by role', async () => {
    const byName = ok(
      await world.call(PERSONA.villageAdmin, 'user', 'listPeople', { unitId: UNIT.xicaoping, query: '秀' }),
    );
    expect(byName.items.map((p: Person) => p.nickname)).toEqual(['李秀英']);
    const heads = ok(
      await world.call(PERSONA.townAdmin, 'user', 'listPeople', {
        unitId: UNIT.town,
        role: 'neighbour_head',
        size: 50,
      }),
    );
    expect(heads.items.map((p: Person) => p.openid).sort()).toEqual(
      [PERSONA.neighbourHead, PERSONA.otherNeighbourHead].sort(),
    );
  });

  it('masks the phone of someone whose home is outside the viewer’s admin scope, and for the town too', async () => {
    // 石洲村's member becomes a head in 西草坪村: 西草坪村's admin sees them, but not their number.
    ok(
      await world.call(PERSONA.townAdmin, 'user', 'grantRole', {
        openid: PERSONA.otherMember,
        role: 'neighbour_head',
        unitId: UNIT.xcpNeighbourhood3,
      }),
    );
    const list = ok(
      await world.call(PERSONA.villageAdmin, 'user', 'listPeople', { unitId: UNIT.xcpNeighbourhood3, size: 50 }),
    );
    expect(list.items.find((p: Person) => p.openid === PERSONA.otherMember)?.phone).toBe('138****0203');
    const town = ok(
      await world.call(PERSONA.townAdmin, 'user', 'listPeople', { unitId: UNIT.xcpNeighbourhood3, size: 50 }),
    );
    expect(town.items.find((p: Person) => p.openid === PERSONA.otherMember)?.phone).toBe('138****0203');
  });

  it('refuses non-admins and admins of another village', async () => {
    for (const openid of [PERSONA.secretary, PERSONA.neighbourHead, PERSONA.villager, PERSONA.otherVillageAdmin]) {
      expect(code(await world.call(openid, 'user', 'listPeople', { unitId: UNIT.xicaoping }))).toBe('FORBIDDEN');
    }
  });
});

describe('user.grantRole / user.revokeRole', () => {
  it('grants and revokes directly, each change recorded with who did it', async () => {
    await newPerson(world, 'o-direct-1', { nickname: '新党员', homeUnitId: UNIT.xcpNeighbourhood1 });
    const target = { openid: 'o-direct-1', role: 'member', branchId: BRANCH.xicaoping };
    const granted = await world.measured(PERSONA.villageAdmin, 'user', 'grantRole', target);
    expect(ok(granted.answer).roles).toEqual([expect.objectContaining({ role: 'member', branchId: BRANCH.xicaoping })]);
    expect(granted.trips - 2).toBeLessThanOrEqual(5);
    // Granting again changes nothing and records nothing.
    ok(await world.call(PERSONA.villageAdmin, 'user', 'grantRole', target));
    const revoked = ok(await world.call(PERSONA.villageAdmin, 'user', 'revokeRole', target));
    expect(revoked.roles).toEqual([]);
    const log = ok(
      await world.call(PERSONA.villageAdmin, 'user', 'listRoleChanges', { unitId: UNIT.xicaoping, size: 5 }),
    );
    const mine = log.items.filter((c: { subject: string }) => c.subject === 'o-direct-1');
    expect(
      mine.map((c: { change: string; actorName: string; subjectName: string; targetName: string }) => [
        c.change,
        c.actorName,
        c.subjectName,
        c.targetName,
      ]),
    ).toEqual([
      ['revoke', '赵明', '新党员', '西草坪村党支部'],
      ['grant', '赵明', '新党员', '西草坪村党支部'],
    ]);
  });

  it('lets exactly one of two simultaneous revocations win', async () => {
    await newPerson(world, 'o-direct-2');
    const target = { openid: 'o-direct-2', role: 'group_head', unitId: UNIT.xcpGroup2 };
    ok(await world.call(PERSONA.villageAdmin, 'user', 'grantRole', target));
    const answers = await Promise.all([
      world.call(PERSONA.villageAdmin, 'user', 'revokeRole', target),
      world.call(PERSONA.townAdmin, 'user', 'revokeRole', target),
    ]);
    expect(answers.map(code).sort()).toEqual(['CONFLICT', 'OK']);
    expect(await world.find('role_changes', { subject: 'o-direct-2', change: 'revoke' })).toHaveLength(1);
  });

  it('refuses what is outside the admin: another village, admin roles for a village admin, their own admin role', async () => {
    await newPerson(world, 'o-direct-3');
    const call = (openid: string, action: string, input: object) =>
      world.call(openid, 'user', action, { openid: 'o-direct-3', ...input });
    expect(
      code(await call(PERSONA.otherVillageAdmin, 'grantRole', { role: 'group_head', unitId: UNIT.xcpGroup1 })),
    ).toBe('FORBIDDEN');
    expect(code(await call(PERSONA.villageAdmin, 'grantRole', { role: 'village_admin', unitId: UNIT.xicaoping }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await call(PERSONA.secretary, 'grantRole', { role: 'member', branchId: BRANCH.xicaoping }))).toBe(
      'FORBIDDEN',
    );
    expect(
      code(
        await world.call(PERSONA.villageAdmin, 'user', 'revokeRole', {
          openid: PERSONA.villageAdmin,
          role: 'village_admin',
          unitId: UNIT.xicaoping,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(await call(PERSONA.villageAdmin, 'grantRole', { role: 'group_head', unitId: UNIT.xcpNeighbourhood1 })),
    ).toBe('INVALID_ARGUMENT');
    expect(
      code(
        await world.call(PERSONA.villageAdmin, 'user', 'grantRole', {
          openid: 'o-never-seen',
          role: 'group_head',
          unitId: UNIT.xcpGroup1,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(ok(await world.call('o-direct-3', 'user', 'me')).roles).toEqual([]);
  });
});
