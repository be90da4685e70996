import {
  OPEN_REQUEST_STATES,
  type GeoPoint,
  type LadderStep,
  type Rating,
  type RequestCategory,
  type RequestState,
  type Resident,
} from '@honglin/types/request';
import { HEAD_ROLE_OF_KIND, ROLE_LABELS, type RoleGrant, type UserRecord } from '@honglin/types/org';
import type { ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { byId } from '../common/db';
import type { RequestSnapshot } from '../common/domain/request';
import { ADMIN_ROLES } from '../common/domain/roles';
import { invalidArgument, notFound } from '../common/errors';
import { PLACES, UNITS, type PlaceDoc, type UnitDoc } from '../common/org';
import { HANDLING_ROLES, REQUESTS, type Viewer } from '../common/requestAccess';
import type { CallerRecord } from '../common/runtime';

// Who may see a request is one rule shared with the pledge function (links to requests): it lives in common.
export {
  HANDLING_ROLES,
  REQUESTS,
  concerns,
  isHandler,
  isNeighbourFollower,
  isResponsibleHead,
  livesNear,
  mayView,
  onLadder,
  viewerOf,
  type Viewer,
} from '../common/requestAccess';

/** What someone who has not agreed to the privacy guideline is told when an action would store something of them. */
export const NOT_AGREED_MESSAGE = '请先阅读并同意隐私保护指引，再关注、留言或提交诉求';
/** Unknown and not-yours answer alike, so ids cannot be probed. */
export const NOT_YOURS_MESSAGE = '这条诉求不存在，或您无权查看';

/** A stored request. `ladder` is the resident's neighbourhood path, root first; `level` indexes the one responsible unit. */
export interface RequestDoc {
  _id: string;
  category: RequestCategory;
  urgent: boolean;
  text: string;
  photos: string[];
  /** Photos (of `photos` and `resultPhotos`) waiting for the image check: see common/pendingPhotos.ts. */
  pendingPhotos?: string[];
  point?: GeoPoint;
  enterprise?: { name: string; placeId?: string };
  parties?: string[];
  /** The resident's neighbourhood. */
  unitId: string;
  unitName: string;
  ladder: LadderStep[];
  /** The ladder's unit ids (the neighbourhood's path): "everything raised in village X" is one indexed query. */
  unitPath: string[];
  level: number;
  responsibleUnitId: string;
  responsibleKind: LadderStep['kind'];
  /** The ladder up to the responsible unit: "waiting in my unit and below" is one indexed query. */
  responsiblePath: string[];
  cameFrom: number[];
  state: RequestState;
  handlerId: string | null;
  handlerName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  /** The resident's account (their own submit, or a reported resident who has one). */
  submitter: string | null;
  /** The resident's name as they gave it: private unless showName. */
  residentName: string;
  showName: boolean;
  /** Reported by a head on the resident's behalf: the head, and the resident's phone (private to handlers). */
  reporterId: string | null;
  reporterName: string | null;
  residentPhone: string | null;
  /** Who sees it in "my requests": the resident and the residents who follow it. */
  participants: string[];
  followers: string[];
  acceptBy: Date;
  resolveBy: Date;
  acceptedAt: Date | null;
  /** The first 签收 at any level (acceptedAt is the latest). */
  firstAcceptedAt?: Date | null;
  resolvedAt: Date | null;
  firstResolvedAt: Date | null;
  closedAt: Date | null;
  result: string | null;
  resultPhotos: string[];
  /**
   * The rating: the resident's own, or recorded on behalf of a resident without the app (居民无手机) by an admin
   * on its ladder who took no part in handling it (回访), stored as such and counted apart.
   */
  rating: { value: Rating; comment?: string; at: Date; onBehalf?: boolean; recordedBy?: string } | null;
  /** Everyone who moved it (accepted, assigned, passed, resolved …): none of them may rate it. */
  handledBy?: string[];
  visitId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function snapshotOf(doc: RequestDoc): RequestSnapshot {
  return {
    state: doc.state,
    level: doc.level,
    levels: doc.ladder.length,
    handlerId: doc.handlerId,
    assigneeId: doc.assigneeId,
    cameFrom: doc.cameFrom,
  };
}

/** The responsible-unit fields of a request at ladder level `level`. */
export function responsibleAt(ladder: LadderStep[], level: number) {
  const step = ladder[level];
  return {
    level,
    responsibleUnitId: step.unitId,
    responsibleKind: step.kind,
    responsiblePath: ladder.slice(0, level + 1).map((s) => s.unitId),
  };
}

/**
 * A ladder from a path and the units read with it: every unit found. A resident's request ends at a neighbourhood;
 * an enterprise's at the unit the enterprise is registered in (a village, a neighbourhood, or the town).
 */
export function ladderFrom(
  path: readonly string[],
  units: readonly UnitDoc[],
  endsAt: 'neighbourhood' | 'registered' = 'neighbourhood',
): LadderStep[] {
  const byIdMap = new Map(units.map((u) => [u._id, u]));
  const steps = path.map((id) => byIdMap.get(id));
  const last = steps[steps.length - 1];
  if (!last || steps.some((u) => !u)) throw notFound('找不到您所在的邻，请先在“我的”里选好');
  if (endsAt === 'neighbourhood' && last.kind !== 'neighbourhood') throw notFound('请选择到具体的邻');
  return (steps as UnitDoc[]).map((u) => ({ unitId: u._id, kind: u.kind, name: u.name }));
}

/** A registered enterprise of the town, with the ladder of the unit it is registered in. */
export interface RegisteredEnterprise {
  enterprise: { name: string; placeId: string };
  ladder: LadderStep[];
}

/**
 * 营商服务 is filed at the enterprise's registered place: the enterprise named by its place id, or by its exact
 * name among the town's registered enterprises, read with its unit's ladder in one query. Null for an enterprise
 * the town has not registered (the request then stays where it was raised, and is counted by its name).
 */
export async function registeredEnterprise(
  town: string,
  named: { name: string; placeId?: string },
): Promise<RegisteredEnterprise | null> {
  const { list } = (await db
    .collection(PLACES)
    .aggregate()
    .match(named.placeId ? { _id: named.placeId, kind: 'enterprise' } : { kind: 'enterprise', name: named.name.trim() })
    .lookup({ from: UNITS, localField: 'unitPath', foreignField: '_id', as: 'ancestors' })
    .end()) as { list: Array<PlaceDoc & { ancestors: UnitDoc[] }> };
  const place = list.find((p) => p.unitPath[0] === town);
  if (!place) {
    if (named.placeId) throw invalidArgument('找不到这家企业，请从本镇登记的企业中选择');
    return null;
  }
  return {
    enterprise: { name: place.name, placeId: place._id },
    ladder: ladderFrom(place.unitPath, place.ancestors, 'registered'),
  };
}

/** A neighbourhood's ladder (its path with names), in one read: the unit and its ancestors. */
export async function loadLadder(unitId: string): Promise<LadderStep[]> {
  const { list } = (await db
    .collection(UNITS)
    .aggregate()
    .match({ _id: unitId })
    .lookup({ from: UNITS, localField: 'path', foreignField: '_id', as: 'ancestors' })
    .end()) as { list: Array<UnitDoc & { ancestors: UnitDoc[] }> };
  const [unit] = list;
  if (!unit) throw notFound('找不到您所在的邻，请先在“我的”里选好');
  return ladderFrom(unit.path, unit.ancestors);
}

export async function loadRequest(id: string): Promise<RequestDoc> {
  const doc = await byId<RequestDoc>(REQUESTS, id);
  if (!doc) throw notFound('找不到这条诉求，请刷新后重试');
  return doc;
}

/** Scope rule of the handling actions: the request's own ladder; the handler then checks the exact level. */
export async function requestScope(input: { id: string }): Promise<ScopeTarget<RequestDoc>> {
  const doc = await loadRequest(input.id);
  return { unitPath: doc.unitPath, resource: doc };
}

/** A request read together with the account it is to be assigned to (none found: the list is empty). */
export type AssignTarget = RequestDoc & { assigneeCandidates: UserRecord[] };

/**
 * Scope rule of 分派: the request's ladder, as requestScope, and in the same read the chosen member's account
 * (when a member is chosen), so checking the member costs no round-trip of its own.
 */
export async function assignScope(input: { id: string; assigneeId?: string }): Promise<ScopeTarget<AssignTarget>> {
  const { list } = (await db
    .collection(REQUESTS)
    .aggregate()
    .match({ _id: input.id })
    .addFields({ wantedAssignees: command.aggregate.literal(input.assigneeId ? [input.assigneeId] : []) })
    .lookup({ from: 'users', localField: 'wantedAssignees', foreignField: '_id', as: 'assigneeCandidates' })
    .end()) as { list: Array<AssignTarget & { wantedAssignees?: unknown }> };
  const [found] = list;
  if (!found) throw notFound('找不到这条诉求，请刷新后重试');
  const { wantedAssignees: _wanted, ...doc } = found;
  return { unitPath: doc.unitPath, resource: doc };
}

export function isAdminInScope(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => ADMIN_ROLES.includes(g.role) && doc.responsiblePath.includes(g.unitId));
}

/** An admin of a unit on the request's ladder. */
export function adminOnLadder(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => ADMIN_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId));
}

/** Took part in it: reported, accepted, was assigned, moved or resolved it. */
export function tookPart(doc: RequestDoc, openid: string): boolean {
  return (
    openid === doc.reporterId ||
    openid === doc.handlerId ||
    openid === doc.assigneeId ||
    (doc.handledBy ?? []).includes(openid)
  );
}

/**
 * Who may rate it, and how: the resident with an account rates it themselves; for a resident without one, an admin
 * on its ladder who took no part in handling it records the resident's answer on their behalf (回访). Nobody who
 * took part in it ever rates it. Null: this viewer may not rate it.
 */
export function rater(doc: RequestDoc, v: Pick<Viewer, 'openid' | 'roles'>): 'resident' | 'onBehalf' | null {
  if (tookPart(doc, v.openid)) return null;
  if (doc.submitter) return doc.submitter === v.openid ? 'resident' : null;
  return adminOnLadder(doc, v.roles) ? 'onBehalf' : null;
}

export function isOpen(doc: RequestDoc): boolean {
  return OPEN_REQUEST_STATES.includes(doc.state);
}

interface NamedCaller extends CallerRecord {
  nickname?: string;
}

/** How an actor appears on the timeline: the role they acted in and their name (heads act in the open). */
export function actorLabel(caller: CallerRecord | null, grant: RoleGrant | undefined): string {
  const name = (caller as NamedCaller | null)?.nickname ?? '';
  if (!grant) return name || '居民';
  return `${ROLE_LABELS[grant.role]}${name ? ` ${name}` : ''}`;
}

/** The caller's grant that explains why they act on this request (the responsible head role first). */
export function actingGrant(doc: RequestDoc, roles: readonly RoleGrant[]): RoleGrant | undefined {
  const headRole = HEAD_ROLE_OF_KIND[doc.responsibleKind];
  return (
    roles.find((g) => g.role === headRole && g.unitId === doc.responsibleUnitId) ??
    roles.find((g) => ADMIN_ROLES.includes(g.role) && doc.responsiblePath.includes(g.unitId)) ??
    roles.find((g) => HANDLING_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId)) ??
    roles.find((g) => g.role === 'member')
  );
}

export function residentOf(input: Resident) {
  return { residentName: input.name, residentPhone: input.phone ?? null, submitter: input.userId ?? null };
}
