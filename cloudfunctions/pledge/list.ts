import {
  OPEN_PLEDGE_STATES,
  RATABLE_PLEDGE_STATES,
  WALL_PLEDGE_STATES,
  pledgeListInputSchema,
  type PledgeListInput,
  type PledgePage,
} from '@honglin/types/pledge';
import { ADMIN_ROLES, type Branch } from '@honglin/types/org';
import type * as z from 'zod';
import { dayOf } from '@honglin/types/time';
import { wallUnitOf } from '../common/domain/pledge';
import { anyone, matchingGrants } from '../common/access';
import { command, db } from '../common/cloud';
import { byId, rows } from '../common/db';
import { forbidden, invalidArgument, notFound } from '../common/errors';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import {
  PLEDGES,
  PLEDGE_RATINGS,
  isResidentOf,
  pledgeCaller,
  seesWall,
  toSummary,
  type PledgeCaller,
  type PledgeDoc,
  type RatingDoc,
} from './store';
import { COLLECTIONS } from '../common/collections';

type ListInput = z.output<typeof pledgeListInputSchema>;
type Scoped<S extends PledgeListInput['scope']> = Extract<ListInput, { scope: S }>;

/** Lists leave the fulfilment records out: a page carries counts, the detail carries the records. */
const pledges = () => db.collection(PLEDGES).field({ fulfilments: false });

/**
 * Pledges, newest first, a page at a time:
 * - mine: the caller's own (by state, month made, category);
 * - branch: a branch's, for its secretaries and the admins over it (by state, member, overdue);
 * - wall: a village's approved pledges with their progress (亮诺), for whoever sees that wall.
 */
export const list = defineAction({
  input: pledgeListInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<PledgePage> {
    const who = pledgeCaller(openid, caller);
    const today = dayOf(now);
    switch (input.scope) {
      case 'mine':
        return listMine(input, who, today);
      case 'branch':
        return listBranch(input, who, today);
      case 'wall':
        return listWall(input, who, today);
    }
  },
});

async function listMine(input: Scoped<'mine'>, who: PledgeCaller, today: string): Promise<PledgePage> {
  const condition = {
    ownerId: who.openid,
    ...(input.state ? { state: input.state } : {}),
    ...(input.month ? { month: input.month } : {}),
    ...(input.category ? { category: input.category } : {}),
  };
  const page = await pageOf<PledgeDoc>(pledges(), condition, 'createdAt', input.cursor, input.size);
  return { ...page, items: page.items.map((p) => toSummary(p, today, true)) };
}

async function listBranch(input: Scoped<'branch'>, who: PledgeCaller, today: string): Promise<PledgePage> {
  // A secretary's grant names the branch; an admin's coverage needs the branch's unit path.
  const ownBranch = who.roles.some((g) => g.role === 'branch_secretary' && g.branchId === input.branchId);
  if (!ownBranch) {
    const admin = who.roles.some((g) => ADMIN_ROLES.includes(g.role));
    if (!admin) throw forbidden('只有本支部书记和管理员可以查看支部的承诺');
    const branch = await byId<Branch>(COLLECTIONS.branches, input.branchId);
    if (!branch) throw notFound('没有找到这个支部');
    const target = { unitPath: branch.unitPath, branchId: branch._id };
    if (matchingGrants(who.roles, ADMIN_ROLES, target).length === 0) {
      throw forbidden('只有本支部书记和管理员可以查看支部的承诺');
    }
  }
  if (input.overdue && input.state && !OPEN_PLEDGE_STATES.includes(input.state)) return { items: [] };
  const stateCondition = input.state
    ? { state: input.state }
    : input.overdue
      ? { state: command.in([...OPEN_PLEDGE_STATES]) }
      : {};
  const condition = {
    branchId: input.branchId,
    ...stateCondition,
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
    ...(input.overdue ? { dueDay: command.lt(today) } : {}),
  };
  const page = await pageOf<PledgeDoc>(pledges(), condition, 'createdAt', input.cursor, input.size);
  return { ...page, items: page.items.map((p) => toSummary(p, today, true)) };
}

async function listWall(input: Scoped<'wall'>, who: PledgeCaller, today: string): Promise<PledgePage> {
  const memberPath = who.roles.find((g) => g.role === 'member')?.unitPath;
  const villageId =
    input.villageId ??
    (who.homeUnitPath.length > 0 ? wallUnitOf(who.homeUnitPath) : memberPath && wallUnitOf(memberPath));
  if (!villageId) throw invalidArgument('请先在“我的”里设置您所在的村');
  if (!seesWall(who, villageId)) throw forbidden('只有本村群众和党员可以查看这面承诺墙');
  const condition = { villageId, state: command.in([...WALL_PLEDGE_STATES]) };
  const page = await pageOf<PledgeDoc>(pledges(), condition, 'approvedAt', input.cursor, input.size);
  // 群众评 as pledge.get rules it: residents of the village, not the owner nor the branch's secretary, once each.
  // The caller's own votes on the page come in one read, so the wall shows a vote given instead of buttons.
  const ratable = isResidentOf(who, villageId)
    ? page.items.filter(
        (p) =>
          RATABLE_PLEDGE_STATES.includes(p.state) &&
          p.ownerId !== who.openid &&
          matchingGrants(who.roles, ['branch_secretary'], { unitPath: p.unitPath, branchId: p.branchId }).length === 0,
      )
    : [];
  const votes =
    ratable.length > 0
      ? await rows<RatingDoc>(
          db
            .collection(PLEDGE_RATINGS)
            .where({ _id: command.in(ratable.map((p) => `${p._id}_${who.openid}`)) })
            .limit(ratable.length),
        )
      : [];
  const verdictOf = new Map(votes.map((v) => [v.pledgeId, v.verdict]));
  const mayRate = new Set(ratable.map((p) => p._id));
  return {
    ...page,
    items: page.items.map((p) => {
      const myRating = verdictOf.get(p._id);
      return {
        ...toSummary(p, today, false),
        ...(myRating ? { myRating } : {}),
        canRate: mayRate.has(p._id) && !myRating,
      };
    }),
  };
}
