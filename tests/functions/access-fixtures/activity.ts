import { shanghai } from '@honglin/types/time';
import { BRANCH, PERSONA, PLACE } from '../../../emulator/seed/ids';
import { ok, rid, type DemoWorld } from '../user/world';
import type { AccessFixtures, DeniedCaller } from './types';

/**
 * A film session of 西草坪村党支部 planned by its secretary for today (check-in opens on the session's own day),
 * or for an earlier day (`past`, to be entered afterwards), moved as far as `upTo`.
 */
async function session(world: DemoWorld, upTo: 'planned' | 'open' | 'held', past = false): Promise<string> {
  const planned = await world.call(PERSONA.secretary, 'activity', 'plan', {
    requestId: rid(),
    branchId: BRANCH.xicaoping,
    kind: 'film',
    title: '观看《榜样》',
    startAt: (past ? shanghai().subtract(3, 'day') : shanghai()).format(),
    place: { placeId: PLACE.zhangJingwuHome },
  });
  const id = ok(planned)._id as string;
  if (upTo === 'planned') return id;
  ok(await world.call(PERSONA.secretary, 'activity', 'openCheckin', { id }));
  if (upTo === 'open') return id;
  ok(await world.call(PERSONA.secretary, 'activity', 'openCheckin', { id, close: true }));
  return id;
}

const managers = [PERSONA.secretary, PERSONA.villageAdmin, PERSONA.townAdmin];
/** The organiser's actions: the branch's secretary or an admin above it; not members, not another village's. */
const managerDenied: DeniedCaller[] = [
  { openid: PERSONA.member, why: 'wrong_role' },
  { openid: PERSONA.villager, why: 'wrong_role' },
  { openid: PERSONA.otherSecretary, why: 'other_unit' },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' },
];
/** What members and organisers read: not a villager, not another branch or village. */
const readerDenied: DeniedCaller[] = [
  { openid: PERSONA.villager, why: 'wrong_role' },
  { openid: PERSONA.otherMember, why: 'other_unit' },
  { openid: PERSONA.otherVillageAdmin, why: 'other_unit' },
];

export const fixtures: AccessFixtures = {
  plan: {
    input: async () => ({
      requestId: rid(),
      branchId: BRANCH.xicaoping,
      kind: 'lesson',
      title: '田间微党课',
      startAt: shanghai().add(2, 'day').format(),
      place: { description: '村东头稻田' },
    }),
    allowed: managers,
    denied: managerDenied,
  },
  update: {
    input: async (world) => ({ id: await session(world, 'planned'), title: '观看《初心使命》' }),
    allowed: managers,
    denied: managerDenied,
  },
  cancel: {
    input: async (world) => ({ id: await session(world, 'planned'), reason: '暴雨改期' }),
    allowed: managers,
    denied: managerDenied,
  },
  openCheckin: {
    input: async (world) => ({ id: await session(world, 'planned') }),
    allowed: managers,
    denied: managerDenied,
  },
  markHeld: {
    input: async (world) => ({ id: await session(world, 'planned', true) }),
    allowed: managers,
    denied: managerDenied,
  },
  checkinToken: {
    input: async (world) => ({ id: await session(world, 'open') }),
    allowed: managers,
    denied: managerDenied,
  },
  record: {
    input: async (world) => ({ id: await session(world, 'held'), summary: '组织党员观看《榜样》。' }),
    allowed: managers,
    denied: managerDenied,
  },
  addAttendee: {
    input: async (world) => ({ id: await session(world, 'open'), attendee: { name: '刘奶奶' } }),
    allowed: managers,
    denied: managerDenied,
  },
  markAbsent: {
    input: async (world) => ({
      id: await session(world, 'open'),
      attendee: { openid: PERSONA.member },
      reason: '外出务工',
    }),
    allowed: managers,
    denied: managerDenied,
  },
  checkin: {
    // A wrong code: the expected member passes the access check and is told the code is wrong.
    input: async (world) => ({ id: await session(world, 'open'), code: '000000' }),
    allowed: [PERSONA.member, PERSONA.secretary],
    denied: [
      { openid: PERSONA.villager, why: 'wrong_role' },
      { openid: PERSONA.villageAdmin, why: 'wrong_role' },
      { openid: PERSONA.otherMember, why: 'other_unit' },
    ],
  },
  get: {
    input: async (world) => ({ id: await session(world, 'planned') }),
    allowed: [PERSONA.member, ...managers],
    denied: [...readerDenied, { openid: PERSONA.otherSecretary, why: 'other_unit' }],
  },
  list: {
    input: { view: 'branch', branchId: BRANCH.xicaoping },
    allowed: [PERSONA.member, ...managers],
    denied: readerDenied,
  },
  month: {
    input: { view: 'branch', branchId: BRANCH.xicaoping, month: shanghai().format('YYYY-MM') },
    allowed: [PERSONA.member, ...managers],
    denied: readerDenied,
  },
};
