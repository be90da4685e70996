import { PERSONA, UNIT } from '../../../emulator/seed/ids';
import { rid } from '../user/world';
import { household } from './org';
import type { AccessFixtures } from './types';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const fixtures: AccessFixtures = {
  log: {
    input: async (world) => ({
      requestId: rid(),
      household: { householdId: await household(world) },
      date: today(),
      discussed: '聊了聊家里的情况',
      problems: [],
    }),
    allowed: [PERSONA.neighbourHead, PERSONA.groupHead],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.villageAdmin, why: 'wrong_role' },
      // A neighbour head of another village: the household is not in their unit.
      { openid: PERSONA.otherNeighbourHead, why: 'other_unit' },
    ],
  },
  list: {
    input: {},
    allowed: [PERSONA.neighbourHead, PERSONA.groupHead],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.member, why: 'wrong_role' },
    ],
  },
  notVisited: {
    input: { unitId: UNIT.xcpNeighbourhood1 },
    allowed: [PERSONA.neighbourHead, PERSONA.groupHead, PERSONA.blockHead, PERSONA.villageAdmin, PERSONA.townAdmin],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.secretary, why: 'wrong_role' },
      { openid: PERSONA.otherNeighbourHead, why: 'other_unit' },
      { openid: PERSONA.otherVillageAdmin, why: 'other_unit' },
    ],
  },
  coverage: {
    input: { villageId: UNIT.xicaoping },
    allowed: [PERSONA.villageAdmin, PERSONA.townAdmin, PERSONA.secretary],
    denied: [
      // A head sees their own unit only (tests/functions/visit), never the whole village.
      { openid: PERSONA.neighbourHead, why: 'other_unit' },
      { openid: PERSONA.villager, why: 'wrong_role' },
      {
        openid: PERSONA.otherNeighbourHead,
        why: 'other_unit',
        input: { villageId: UNIT.xicaoping, unitId: UNIT.xcpNeighbourhood1 },
      },
      { openid: PERSONA.otherVillageAdmin, why: 'other_unit' },
      { openid: PERSONA.otherSecretary, why: 'other_unit' },
    ],
  },
};
