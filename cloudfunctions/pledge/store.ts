import {
  WALL_PLEDGE_STATES,
  type AppraisalGrade,
  type PledgeCategory,
  type PledgeFulfilment,
  type PledgeRatingCounts,
  type PledgeState,
  type PledgeSummary,
} from '@honglin/types/pledge';
import type { RoleGrant } from '@honglin/types/org';
import { isOverdue } from '../common/domain/pledge';
import { command, db } from '../common/cloud';
import { byId } from '../common/db';
import { refusalError } from '../common/moves';
import { photosFor, type WithPendingPhotos } from '../common/pendingPhotos';
import type { CallerRecord } from '../common/runtime';
import type { RequestAudience } from '../common/requestAccess';
import { COLLECTIONS } from '../common/collections';

export const PLEDGES = COLLECTIONS.pledges;
/** One document per vote, `${pledgeId}_${openid}`: the key itself makes "once each" hold inside the transaction. */
export const PLEDGE_RATINGS = COLLECTIONS.pledgeRatings;

export interface FulfilmentDoc {
  /** The client's request id: a retried add finds it and adds nothing. */
  id: string;
  day: string;
  text: string;
  photos: string[];
  peopleHelped: number;
  linkedRequestId?: string;
  createdAt: Date;
}

/** A stored pledge. Fulfilment records live inside it (bounded by MAX_FULFILMENTS) so a detail is one read. */
export interface PledgeDoc extends WithPendingPhotos {
  _id: string;
  ownerId: string;
  ownerName: string;
  branchId: string;
  /** The branch's unit path (ancestors then the branch's unit). */
  unitPath: string[];
  /** The unit whose public wall shows it (wallUnitOf). */
  villageId: string;
  category: PledgeCategory;
  content: string;
  target: string;
  dueDay: string;
  linkedRequestId?: string | null;
  state: PledgeState;
  /** The month the pledge was made (Asia/Shanghai), for "my pledges by month". */
  month: string;
  fulfilments: FulfilmentDoc[];
  fulfilmentCount: number;
  peopleHelped: number;
  ratings: PledgeRatingCounts;
  appraisal?: { grade: AppraisalGrade; comment: string; by: string; at: Date } | null;
  returnReason?: string | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt?: Date | null;
  approvedAt?: Date | null;
  completedAt?: Date | null;
  appraisedAt?: Date | null;
  withdrawnAt?: Date | null;
}

export interface RatingDoc {
  _id: string;
  pledgeId: string;
  verdict: 'satisfied' | 'unsatisfied';
  at: Date;
}

/** The caller as the pledge rules need them: home unit (residents) and roles. */
export interface PledgeCaller {
  openid: string;
  nickname: string;
  homeUnitPath: string[];
  roles: RoleGrant[];
}

export function pledgeCaller(openid: string, caller: CallerRecord | null): PledgeCaller {
  const record = (caller ?? {}) as Partial<CallerRecord> & { nickname?: string; homeUnitPath?: string[] };
  return {
    openid,
    nickname: record.nickname ?? '',
    homeUnitPath: record.homeUnitPath ?? [],
    roles: record.roles ?? [],
  };
}

export async function loadPledge(id: string): Promise<PledgeDoc> {
  const pledge = await byId<PledgeDoc>(PLEDGES, id);
  if (!pledge) throw refusalError('pledge.missing');
  return pledge;
}

/** The scope of an action on one pledge: its branch and unit path, with the pledge handed on to the handler. */
export async function pledgeScope(input: { id: string }) {
  const pledge = await loadPledge(input.id);
  return { unitPath: pledge.unitPath, branchId: pledge.branchId, resource: pledge };
}

/** A pledge read together with the resident request a new record links to (none asked: the list is empty). */
export type PledgeWithLink = PledgeDoc & { linkedRequests: RequestAudience[] };

/**
 * Scope rule of 践诺: the pledge's branch, as pledgeScope, and in the same read the request the record links to,
 * so checking the link costs no round-trip of its own.
 */
export async function fulfilmentScope(input: { id: string; linkedRequestId?: string }) {
  const { list } = (await db
    .collection(PLEDGES)
    .aggregate()
    .match({ _id: input.id })
    .addFields({ wantedRequests: command.aggregate.literal(input.linkedRequestId ? [input.linkedRequestId] : []) })
    .lookup({ from: COLLECTIONS.requests, localField: 'wantedRequests', foreignField: '_id', as: 'linkedRequests' })
    .end()) as { list: Array<PledgeWithLink & { wantedRequests?: string[] }> };
  const [found] = list;
  if (!found) throw refusalError('pledge.missing');
  const { wantedRequests: _wanted, ...pledge } = found;
  return { unitPath: pledge.unitPath, branchId: pledge.branchId, resource: pledge as PledgeWithLink };
}

/** Residents of the village (by home), and anyone holding a role there or in the town, see its wall. */
export function seesWall(caller: PledgeCaller, villageId: string): boolean {
  return (
    caller.homeUnitPath.includes(villageId) ||
    caller.roles.some((g) => g.role === 'town_admin' || g.unitPath.includes(villageId))
  );
}

export function isResidentOf(caller: PledgeCaller, villageId: string): boolean {
  return caller.homeUnitPath.includes(villageId);
}

export function isOnWall(pledge: PledgeDoc): boolean {
  return WALL_PLEDGE_STATES.includes(pledge.state);
}

const iso = (value: Date | string | null | undefined): string | undefined =>
  value ? new Date(value).toISOString() : undefined;

/** A fulfilment record as a viewer sees it: its pending photos only for the owner and the branch (who review it). */
export function toFulfilment(
  f: FulfilmentDoc,
  pending: readonly string[] | undefined,
  seesPending: boolean,
): PledgeFulfilment {
  return {
    id: f.id,
    day: f.day,
    text: f.text,
    ...photosFor(f.photos, pending, seesPending),
    peopleHelped: f.peopleHelped,
    ...(f.linkedRequestId ? { linkedRequestId: f.linkedRequestId } : {}),
    createdAt: iso(f.createdAt) ?? '',
  };
}

/**
 * A pledge as lists show it. `forBranch` (the owner, the branch's secretary or an admin) adds the owner's id
 * and the return reason; the public wall shows neither.
 */
export function toSummary(p: PledgeDoc, today: string, forBranch: boolean): PledgeSummary {
  return {
    id: p._id,
    ...(forBranch ? { ownerId: p.ownerId } : {}),
    ownerName: p.ownerName,
    branchId: p.branchId,
    villageId: p.villageId,
    category: p.category,
    content: p.content,
    target: p.target,
    dueDay: p.dueDay,
    ...(p.linkedRequestId ? { linkedRequestId: p.linkedRequestId } : {}),
    state: p.state,
    overdue: isOverdue(p.state, p.dueDay, today),
    fulfilmentCount: p.fulfilmentCount,
    peopleHelped: p.peopleHelped,
    ratings: p.ratings,
    ...(p.appraisal
      ? { appraisal: { grade: p.appraisal.grade, comment: p.appraisal.comment, at: iso(p.appraisal.at) ?? '' } }
      : {}),
    ...(forBranch && p.returnReason ? { returnReason: p.returnReason } : {}),
    createdAt: iso(p.createdAt) ?? '',
    ...(p.approvedAt ? { approvedAt: iso(p.approvedAt) } : {}),
  };
}
