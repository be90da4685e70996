import { BRANCH, PERSONA, UNIT } from '../../../emulator/seed/ids';
import { rid } from '../user/world';
import type { AccessFixtures } from './types';

const admins = [PERSONA.villageAdmin, PERSONA.townAdmin];
const outsiders = [
  { openid: PERSONA.secretary, why: 'wrong_role' as const },
  { openid: PERSONA.blockHead, why: 'wrong_role' as const },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
];

export const fixtures: AccessFixtures = {
  createInvite: {
    input: async () => ({ requestId: rid(), role: 'group_head', unitId: UNIT.xcpGroup1 }),
    allowed: admins,
    denied: [
      ...outsiders,
      {
        openid: PERSONA.villageAdmin,
        why: 'other_unit',
        input: { requestId: rid(), role: 'member', branchId: BRANCH.shizhou },
      },
    ],
  },
  listPeople: { input: { unitId: UNIT.xicaoping }, allowed: admins, denied: outsiders },
  grantRole: {
    input: { openid: 'demo-household-1', role: 'group_head', unitId: UNIT.xcpGroup2 },
    allowed: admins,
    denied: outsiders,
  },
  revokeRole: {
    input: { openid: 'demo-household-1', role: 'group_head', unitId: UNIT.xcpGroup2 },
    allowed: admins,
    denied: outsiders,
  },
  listRoleChanges: { input: { unitId: UNIT.xicaoping }, allowed: admins, denied: outsiders },
};
