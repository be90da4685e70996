import { BRANCH, PERSONA, PLACE, UNIT } from '../../../emulator/seed/ids';
import { code, ok, rid, startDemoWorld, type DemoWorld } from '../user/world';

/** The unit tree, branches and places: reading for everyone, changes for admins in their scope. */
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('org');
});
afterAll(() => world?.stop());

type Named = { _id: string; name: string };

describe('org.tree', () => {
  it('gives the town and its villages to anyone, in order, in at most 3 reads', async () => {
    const { answer, trips } = await world.measured('o-anyone', 'org', 'tree');
    const tree = ok(answer);
    expect(tree.root.name).toBe('鹿原镇');
    expect(tree.units.map((u: Named) => u.name)).toEqual(['西草坪村', '石洲村', '鹿原社区', '红星村']);
    expect(trips).toBeLessThanOrEqual(3);
  });

  it('gives a unit with its ancestors and its subtree down to the depth asked', async () => {
    const tree = ok(await world.call(PERSONA.villager, 'org', 'tree', { rootId: UNIT.xcpBlock1, depth: 2 }));
    expect(tree.ancestors.map((u: Named) => u.name)).toEqual(['鹿原镇', '西草坪村']);
    expect(tree.units.map((u: Named) => u.name)).toEqual(['第一组', '一邻', '二邻', '第二组', '一邻']);
    expect(code(await world.call(PERSONA.villager, 'org', 'tree', { rootId: 'nowhere' }))).toBe('NOT_FOUND');
    expect(code(await world.call(PERSONA.villager, 'org', 'tree', { depth: 9 }))).toBe('INVALID_ARGUMENT');
  });
});

describe('org.createUnit / org.updateUnit', () => {
  it('creates a unit one level below its parent, once per requestId', async () => {
    const input = { requestId: rid(), parentId: UNIT.xcpGroup2, name: '二邻', order: 2 };
    const { answer, trips } = await world.measured(PERSONA.villageAdmin, 'org', 'createUnit', input);
    const unit = ok(answer);
    expect(unit).toMatchObject({
      kind: 'neighbourhood',
      parentId: UNIT.xcpGroup2,
      path: [UNIT.town, UNIT.xicaoping, UNIT.xcpBlock1, UNIT.xcpGroup2, unit._id],
    });
    expect(trips - 2).toBeLessThanOrEqual(4);
    expect(ok(await world.call(PERSONA.villageAdmin, 'org', 'createUnit', input))._id).toBe(unit._id);
    expect(await world.find('units', { parentId: UNIT.xcpGroup2, name: '二邻' })).toHaveLength(1);
  });

  it('refuses a unit below a neighbourhood, a village by a village admin, a rejected name and a bad one', async () => {
    const create = (openid: string, input: object) =>
      world.call(openid, 'org', 'createUnit', { requestId: rid(), ...input });
    expect(code(await create(PERSONA.villageAdmin, { parentId: UNIT.xcpNeighbourhood1, name: '小邻' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(await create(PERSONA.villageAdmin, { parentId: UNIT.town, name: '新村' }))).toBe('FORBIDDEN');
    expect(code(await create(PERSONA.otherVillageAdmin, { parentId: UNIT.xcpGroup1, name: '三邻' }))).toBe('FORBIDDEN');
    expect(code(await create(PERSONA.villageAdmin, { parentId: UNIT.xcpGroup1, name: '赌博一邻' }))).toBe(
      'CONTENT_REJECTED',
    );
    expect(code(await create(PERSONA.villageAdmin, { parentId: UNIT.xcpGroup1, name: ' ' }))).toBe('INVALID_ARGUMENT');
    expect(await world.find('units', { parentId: UNIT.xcpGroup1 })).toHaveLength(2);
    const village = ok(await create(PERSONA.townAdmin, { parentId: UNIT.town, name: '新建村' }));
    expect(village.kind).toBe('village');
  });

  it('gives a new village this month’s counter shards, prepared and empty, within the write budget', async () => {
    const input = { requestId: rid(), parentId: UNIT.town, name: '新设村' };
    const { answer, trips } = await world.measured(PERSONA.townAdmin, 'org', 'createUnit', input);
    const village = ok(answer);
    // caller, parent, re-read; start; the unit and 4 shards; commit
    expect(trips - 2).toBeLessThanOrEqual(3 + 6);
    const shards = await world.find<{ shard: number; counts: object; updatedAt: unknown }>('counters', {
      unitId: village._id,
    });
    expect(shards.map((d) => d.shard).sort()).toEqual([0, 1, 2, 3]);
    expect(shards.every((d) => JSON.stringify(d.counts) === '{}' && d.updatedAt === null)).toBe(true);
    // A block creates none: only villages (and the town) keep counters.
    const block = ok(
      await world.call(PERSONA.townAdmin, 'org', 'createUnit', {
        requestId: rid(),
        parentId: village._id,
        name: '第一片',
      }),
    );
    expect(await world.find('counters', { unitId: block._id })).toEqual([]);
  });

  it('renames units below the admin, but a village admin cannot rename the village itself', async () => {
    const renamed = ok(
      await world.call(PERSONA.villageAdmin, 'org', 'updateUnit', { id: UNIT.xcpBlock2, name: '第二片区' }),
    );
    expect(renamed.name).toBe('第二片区');
    expect(
      code(await world.call(PERSONA.villageAdmin, 'org', 'updateUnit', { id: UNIT.xicaoping, name: '东草坪村' })),
    ).toBe('FORBIDDEN');
    ok(await world.call(PERSONA.townAdmin, 'org', 'updateUnit', { id: UNIT.xicaoping, order: 1 }));
    expect(code(await world.call(PERSONA.townAdmin, 'org', 'updateUnit', { id: UNIT.xicaoping }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('org branches and places', () => {
  it('lists branches with their unit names, in a unit or everywhere', async () => {
    const all = ok(await world.call(PERSONA.villager, 'org', 'listBranches', {}));
    expect(all.items.map((b: Named) => b.name)).toEqual(
      expect.arrayContaining(['鹿原镇机关党支部', '西草坪村党支部', '石洲村党支部']),
    );
    const mine = ok(await world.call(PERSONA.villager, 'org', 'listBranches', { unitId: UNIT.xicaoping }));
    expect(mine.items).toEqual([expect.objectContaining({ _id: BRANCH.xicaoping, unitName: '西草坪村' })]);
  });

  it('creates a branch at a village once per requestId, renames it, and refuses one at a group', async () => {
    const input = { requestId: rid(), unitId: UNIT.xicaoping, name: '西草坪村老年党支部' };
    const created = ok(await world.call(PERSONA.villageAdmin, 'org', 'saveBranch', input));
    ok(await world.call(PERSONA.villageAdmin, 'org', 'saveBranch', input));
    expect(await world.find('branches', { name: '西草坪村老年党支部' })).toHaveLength(1);
    expect(
      ok(await world.call(PERSONA.villageAdmin, 'org', 'saveBranch', { id: created._id, name: '西草坪村第二党支部' }))
        .name,
    ).toBe('西草坪村第二党支部');
    expect(
      code(
        await world.call(PERSONA.villageAdmin, 'org', 'saveBranch', {
          requestId: rid(),
          unitId: UNIT.xcpGroup1,
          name: '组支部',
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
  });

  it("lists the article's red-heritage sites and registers a new place", async () => {
    const sites = ok(await world.call(PERSONA.member, 'org', 'listPlaces', { kind: 'red_site', size: 50 }));
    expect(sites.items.map((p: Named) => p.name).sort()).toEqual(
      ['叶家祠', '八担坵', '张经武故居', '酃峰红色文化培训基地', '西草坪村家风文化馆'].sort(),
    );
    const place = ok(
      await world.call(PERSONA.villageAdmin, 'org', 'savePlace', {
        requestId: rid(),
        unitId: UNIT.xicaoping,
        name: '村民广场',
        kind: 'venue',
        coordinates: [113.77, 26.49],
      }),
    );
    expect(place.location).toEqual({ type: 'Point', coordinates: [113.77, 26.49] });
    const inVillage = ok(await world.call(PERSONA.villager, 'org', 'listPlaces', { unitId: UNIT.xicaoping, size: 50 }));
    expect(inVillage.items.map((p: Named) => p._id)).toEqual(
      expect.arrayContaining([place._id, PLACE.xcpFamilyMuseum]),
    );
    expect(
      code(
        await world.call(PERSONA.villageAdmin, 'org', 'savePlace', {
          id: PLACE.lingfengBase,
          name: '改名',
          kind: 'red_site',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await world.call(PERSONA.villageAdmin, 'org', 'savePlace', {
          requestId: rid(),
          unitId: UNIT.xicaoping,
          name: '某地',
          kind: 'castle',
        }),
      ),
    ).toBe('INVALID_ARGUMENT');
  });
});
