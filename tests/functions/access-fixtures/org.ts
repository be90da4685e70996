import { BRANCH, PERSONA, PLACE, UNIT } from '../../../emulator/seed/ids';
import { rid } from '../user/world';
import type { AccessFixtures } from './types';

const admins = [PERSONA.villageAdmin, PERSONA.townAdmin];
const outsiders = [
  { openid: PERSONA.secretary, why: 'wrong_role' as const },
  { openid: PERSONA.neighbourHead, why: 'wrong_role' as const },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
];

export const fixtures: AccessFixtures = {
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
