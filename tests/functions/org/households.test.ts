import { PERSONA, UNIT } from '../../../emulator/seed/ids';
import { code, ok, rid, startDemoWorld, type DemoWorld } from '../user/world';

/** Households as real records under their neighbourhood: heads add them, they move, split and close with history. */
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld('households');
});
afterAll(() => world?.stop());

const add = (openid: string, input: object) =>
  world.call(openid, 'org', 'saveHousehold', { requestId: rid(), unitId: UNIT.xcpNeighbourhood1, ...input });

describe('org.saveHousehold / listHouseholds / closeHousehold', () => {
  it('lets a neighbour head add a household they meet, once per requestId, with the phone masked for them', async () => {
    const input = {
      requestId: rid(),
      unitId: UNIT.xcpNeighbourhood1,
      headName: '黄桂英',
      phone: '13811112222',
      size: 2,
      tags: ['独居老人'],
    };
    const created = ok(await world.call(PERSONA.neighbourHead, 'org', 'saveHousehold', input));
    expect(created).toMatchObject({
      headName: '黄桂英',
      unitName: '一邻',
      phone: '138****2222',
      tags: ['独居老人'],
      closed: false,
    });
    expect(created.history).toEqual([{ change: 'created', at: expect.any(String), byName: '邻长 张桂兰' }]);
    expect(ok(await world.call(PERSONA.neighbourHead, 'org', 'saveHousehold', input))._id).toBe(created._id);
    expect(await world.find('households', { headName: '黄桂英' })).toHaveLength(1);
    const asAdmin = ok(await world.call(PERSONA.villageAdmin, 'org', 'listHouseholds', { unitId: UNIT.xicaoping }));
    expect(asAdmin.items.find((h: { _id: string }) => h._id === created._id).phone).toBe('13811112222');
    const asTown = ok(await world.call(PERSONA.townAdmin, 'org', 'listHouseholds', { unitId: UNIT.xicaoping }));
    expect(asTown.items.find((h: { _id: string }) => h._id === created._id).phone).toBe('138****2222');
  });

  it('refuses a household outside a neighbourhood, a tag not on the list, and a head of another unit', async () => {
    expect(code(await add(PERSONA.villageAdmin, { unitId: UNIT.xcpGroup1, headName: '某户' }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(code(await add(PERSONA.neighbourHead, { headName: '某户', tags: ['富户'] }))).toBe('INVALID_ARGUMENT');
    expect(code(await add(PERSONA.neighbourHead, { headName: '某户', unitId: UNIT.xcpNeighbourhood2 }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await add(PERSONA.otherNeighbourHead, { headName: '某户' }))).toBe('FORBIDDEN');
    expect(await world.find('households', { headName: '某户' })).toHaveLength(0);
  });

  it('moves a household within the head’s units only, splits one off, and closes one with its history kept', async () => {
    const family = ok(await add(PERSONA.groupHead, { headName: '何大伟', address: '7号', size: 5 }));
    const refused = await world.call(PERSONA.groupHead, 'org', 'saveHousehold', {
      id: family._id,
      unitId: UNIT.xcpNeighbourhood3,
      headName: '何大伟',
    });
    expect(code(refused)).toBe('FORBIDDEN');
    const moved = ok(
      await world.call(PERSONA.groupHead, 'org', 'saveHousehold', {
        id: family._id,
        unitId: UNIT.xcpNeighbourhood2,
        headName: '何大伟',
        size: 3,
      }),
    );
    expect(moved).toMatchObject({ unitId: UNIT.xcpNeighbourhood2, size: 3 });
    expect(moved.history.map((h: { change: string }) => h.change)).toEqual(['created', 'moved']);
    expect(moved.history[1].from).toBe(UNIT.xcpNeighbourhood1);
    const split = ok(
      await add(PERSONA.groupHead, {
        headName: '何小伟',
        unitId: UNIT.xcpNeighbourhood2,
        splitFrom: family._id,
        size: 2,
      }),
    );
    expect(split.history).toEqual([
      { change: 'split', at: expect.any(String), byName: '组长 刘长生', from: family._id },
    ]);
    expect(
      code(await world.call(PERSONA.groupHead, 'org', 'closeHousehold', { id: family._id, reason: 'moved_out' })),
    ).toBe('FORBIDDEN');
    const closed = ok(
      await world.call(PERSONA.villageAdmin, 'org', 'closeHousehold', { id: family._id, reason: 'moved_out' }),
    );
    expect(closed.closed).toBe(true);
    expect(closed.history.at(-1)).toMatchObject({ change: 'closed', reason: 'moved_out' });
    const open = ok(await world.call(PERSONA.groupHead, 'org', 'listHouseholds', { unitId: UNIT.xcpGroup1 }));
    expect(open.items.map((h: { headName: string }) => h.headName)).not.toContain('何大伟');
    const all = ok(
      await world.call(PERSONA.groupHead, 'org', 'listHouseholds', { unitId: UNIT.xcpGroup1, includeClosed: true }),
    );
    expect(all.items.map((h: { headName: string }) => h.headName)).toContain('何大伟');
    const changed = await world.call(PERSONA.villageAdmin, 'org', 'saveHousehold', {
      id: family._id,
      headName: '何大伟',
    });
    expect(code(changed)).toBe('CONFLICT');
  });

  it('keeps who moved, split and closed a household, when and why; never anyone’s openid', async () => {
    const family = ok(await add(PERSONA.villageAdmin, { headName: '欧阳德', address: '21号', size: 6 }));
    const moved = ok(
      await world.call(PERSONA.villageAdmin, 'org', 'saveHousehold', {
        id: family._id,
        unitId: UNIT.xcpNeighbourhood3,
        headName: '欧阳德',
        note: '新房盖在二组',
      }),
    );
    expect(moved.history[1]).toEqual({
      change: 'moved',
      at: expect.any(String),
      byName: expect.stringContaining('村管理员'),
      from: UNIT.xcpNeighbourhood1,
      to: UNIT.xcpNeighbourhood3,
      note: '新房盖在二组',
    });
    const son = ok(
      await add(PERSONA.villageAdmin, { headName: '欧阳明', unitId: UNIT.xcpNeighbourhood3, splitFrom: family._id }),
    );
    const closed = ok(
      await world.call(PERSONA.villageAdmin, 'org', 'closeHousehold', {
        id: family._id,
        reason: 'deceased',
        note: '老人去年冬天过世',
      }),
    );
    expect(closed.history.map((h: { change: string }) => h.change)).toEqual(['created', 'moved', 'splitOff', 'closed']);
    expect(closed.history[2]).toMatchObject({ change: 'splitOff', to: son._id });
    expect(closed.history[3]).toMatchObject({ change: 'closed', reason: 'deceased', note: '老人去年冬天过世' });
    const [stored] = await world.find<{ history: Array<{ by?: string }> }>('households', { _id: family._id });
    expect(stored.history.map((h) => h.by)).toEqual(Array(4).fill(PERSONA.villageAdmin));
    expect(JSON.stringify(closed)).not.toContain(PERSONA.villageAdmin);
  });

  it('moves only within the village; refuses a note too long or a reason not on the list, storing nothing', async () => {
    const family = ok(await add(PERSONA.neighbourHead, { headName: '上官云' }));
    const away = await world.call(PERSONA.townAdmin, 'org', 'saveHousehold', {
      id: family._id,
      unitId: UNIT.szNeighbourhood1,
      headName: '上官云',
    });
    expect(code(away)).toBe('INVALID_ARGUMENT');
    const long = await world.call(PERSONA.villageAdmin, 'org', 'closeHousehold', {
      id: family._id,
      reason: 'moved_out',
      note: '说'.repeat(61),
    });
    expect(code(long)).toBe('INVALID_ARGUMENT');
    const unknown = await world.call(PERSONA.villageAdmin, 'org', 'closeHousehold', { id: family._id, reason: 'rich' });
    expect(code(unknown)).toBe('INVALID_ARGUMENT');
    const [stored] = await world.find<{ unitId: string; closedAt: Date | null; history: unknown[] }>('households', {
      _id: family._id,
    });
    expect(stored).toMatchObject({ unitId: UNIT.xcpNeighbourhood1, closedAt: null });
    expect(stored.history).toHaveLength(1);
  });

  it('finds a household by part of the head’s name or the house number, within the unit', async () => {
    ok(await add(PERSONA.neighbourHead, { headName: '诸葛兰', address: '西草坪村36号' }));
    ok(
      await world.call(PERSONA.otherVillageAdmin, 'org', 'saveHousehold', {
        requestId: rid(),
        unitId: UNIT.szNeighbourhood1,
        headName: '诸葛亮',
      }),
    );
    const find = async (search: string) =>
      ok(
        await world.call(PERSONA.neighbourHead, 'org', 'listHouseholds', { unitId: UNIT.xcpNeighbourhood1, search }),
      ).items.map((h: { headName: string }) => h.headName);
    expect(await find('诸葛')).toEqual(['诸葛兰']);
    expect(await find('36号')).toEqual(['诸葛兰']);
    expect(await find('.*')).toEqual([]);
  });
});
