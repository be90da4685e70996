import { PERSONA, UNIT } from '../../../emulator/seed/ids';
import { ok, rid, type DemoWorld } from '../user/world';
import type { AccessFixtures } from './types';

/**
 * Residents of 西草坪村 第一组一邻 who raise the requests the handlers' actions are walked on, in turn: the walks
 * raise more than one person's hourly limit of submits (LIMITS.requestSubmit) allows.
 */
const RESIDENTS = [PERSONA.villager, 'demo-household-1', 'demo-household-2'];
let raised = 0;

/** A request a resident of 西草坪村 第一组一邻 has just raised. */
async function submitted(world: DemoWorld): Promise<{ id: string }> {
  raised += 1;
  const answer = await world.call(RESIDENTS[raised % RESIDENTS.length], 'request', 'submit', {
    requestId: rid(),
    category: 'help',
    text: '一组村道口的路灯坏了',
  });
  return { id: ok(answer).id };
}

/** …and accepted by the neighbour head. */
async function accepted(world: DemoWorld): Promise<{ id: string }> {
  const ref = await submitted(world);
  ok(await world.call(PERSONA.neighbourHead, 'request', 'accept', ref));
  return ref;
}

const handlers = [PERSONA.neighbourHead, PERSONA.villageAdmin, PERSONA.townAdmin];
const otherVillage = [
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' as const },
  { openid: PERSONA.otherNeighbourHead, why: 'other_unit' as const },
];

export const fixtures: AccessFixtures = {
  report: {
    input: async () => ({
      requestId: rid(),
      category: 'help',
      text: '何奶奶家的屋顶漏雨',
      unitId: UNIT.xcpNeighbourhood1,
      resident: { name: '何春花' },
    }),
    allowed: [PERSONA.neighbourHead, PERSONA.groupHead, PERSONA.villageAdmin, PERSONA.townAdmin],
    denied: [
      { openid: PERSONA.member, why: 'wrong_role' },
      { openid: PERSONA.villager, why: 'wrong_role' },
      ...otherVillage,
    ],
  },
  accept: {
    input: submitted,
    allowed: handlers,
    denied: [
      { openid: PERSONA.member, why: 'wrong_role' },
      { openid: PERSONA.villager, why: 'wrong_role' },
      // A head on the ladder but above the neighbourhood where it waits: not theirs to accept.
      { openid: PERSONA.groupHead, why: 'other_unit' },
      ...otherVillage,
    ],
  },
  assign: {
    input: async (world) => ({ ...(await accepted(world)), assigneeId: PERSONA.member }),
    allowed: handlers,
    denied: [
      { openid: PERSONA.member, why: 'wrong_role' },
      { openid: PERSONA.secretary, why: 'wrong_role' },
      ...otherVillage,
    ],
  },
  escalate: {
    input: async (world) => ({ ...(await accepted(world)), reason: '需要组里协调' }),
    allowed: handlers,
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.groupHead, why: 'other_unit' },
      ...otherVillage,
    ],
  },
  handBack: {
    input: async (world) => ({ ...(await accepted(world)), reason: '不归我们管' }),
    allowed: [PERSONA.neighbourHead, PERSONA.villageAdmin],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.groupHead, why: 'other_unit' },
      ...otherVillage,
    ],
  },
  resolve: {
    input: async (world) => ({ ...(await accepted(world)), result: '已经修好' }),
    allowed: handlers,
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.otherMember, why: 'other_unit' },
      ...otherVillage,
    ],
  },
};
