import { BRANCH, PERSONA, PLACE, UNIT } from '../../../emulator/seed/ids';
import { rid, type DemoWorld } from '../user/world';
import type { AccessFixtures } from './types';

const admins = [PERSONA.villageAdmin, PERSONA.townAdmin];
const outsiders = [
  { openid: PERSONA.secretary, why: 'wrong_role' as const },
  { openid: PERSONA.neighbourHead, why: 'wrong_role' as const },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
];

/** Households are kept by the heads of their unit and the admins; a head of another village is outside. */
const keepers = [PERSONA.neighbourHead, PERSONA.groupHead, PERSONA.blockHead, PERSONA.villageAdmin, PERSONA.townAdmin];
const notKeepers = [
  { openid: PERSONA.member, why: 'wrong_role' as const },
  { openid: PERSONA.secretary, why: 'wrong_role' as const },
  { openid: PERSONA.otherNeighbourHead, why: 'other_unit' as const },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
];

/** A household of 一邻 made by its neighbour head, for the actions that change or visit one. */
export async function household(world: DemoWorld): Promise<string> {
  const answer = await world.call(PERSONA.neighbourHead, 'org', 'saveHousehold', {
    requestId: rid(),
    unitId: UNIT.xcpNeighbourhood1,
    headName: '测试户',
  });
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  return (answer.data as { _id: string })._id;
}

export const fixtures: AccessFixtures = {
  listHouseholds: { input: { unitId: UNIT.xcpNeighbourhood1 }, allowed: keepers, denied: notKeepers },
  saveHousehold: {
    input: async () => ({ requestId: rid(), unitId: UNIT.xcpNeighbourhood1, headName: '新户' }),
    allowed: keepers,
    denied: notKeepers,
  },
  closeHousehold: {
    input: async (world) => ({ id: await household(world), reason: 'moved_out' }),
    allowed: admins,
    denied: outsiders,
  },
  createUnit: {
    input: async () => ({ requestId: rid(), parentId: UNIT.xcpGroup1, name: '三邻' }),
    allowed: admins,
    denied: outsiders,
  },
  updateUnit: { input: { id: UNIT.xcpNeighbourhood2, name: '二邻' }, allowed: admins, denied: outsiders },
  saveBranch: {
    input: { id: BRANCH.xicaoping, name: '西草坪村党支部' },
    allowed: admins,
    denied: [
      ...outsiders,
      { openid: PERSONA.villageAdmin, why: 'other_unit', input: { id: BRANCH.townOrgans, name: '鹿原镇机关党支部' } },
    ],
  },
  savePlace: {
    input: { id: PLACE.xcpFamilyMuseum, name: '西草坪村家风文化馆', kind: 'red_site' },
    allowed: admins,
    denied: [
      ...outsiders,
      {
        openid: PERSONA.villageAdmin,
        why: 'other_unit',
        input: { id: PLACE.lingfengBase, name: '酃峰红色文化培训基地', kind: 'red_site' },
      },
    ],
  },
};
