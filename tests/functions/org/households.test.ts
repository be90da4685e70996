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
    expect(created.history).toEqual([{ change: 'created', at: expect.any(String) }]);
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
    expect(split.history).toEqual([{ change: 'split', at: expect.any(String), from: family._id }]);
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
});
