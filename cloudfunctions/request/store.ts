import { OPEN_REQUEST_STATES, type LadderStep } from '@honglin/types/request';
import {
  HANDLING_ROLES,
  HEAD_ROLE_OF_KIND,
  isAdminGrantOver,
  isAdminOver,
  type RoleGrant,
  type UserRecord,
} from '@honglin/types/org';
import type { ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { byId } from '../common/db';
import type { RequestSnapshot } from '../common/domain/request';
import { invalidArgument } from '../common/errors';
import { refusalError } from '../common/moves';
import { PLACES, UNITS, type PlaceDoc, type UnitDoc } from '../common/org';
import { ladderFrom, REQUESTS, type RequestDoc } from '../common/requests';
import type { Viewer } from '../common/requestAccess';
import { COLLECTIONS } from '../common/collections';

// Moved to common (visit writes requests too; pledge links to them): re-exported for the request function's own files.
export { actorLabel, ladderFrom, loadLadder, REQUESTS, responsibleAt, type RequestDoc } from '../common/requests';
export { HANDLING_ROLES } from '@honglin/types/org';
export {
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

export async function loadRequest(id: string): Promise<RequestDoc> {
  const doc = await byId<RequestDoc>(REQUESTS, id);
  if (!doc) throw refusalError('request.missing');
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
    .lookup({ from: COLLECTIONS.users, localField: 'wantedAssignees', foreignField: '_id', as: 'assigneeCandidates' })
    .end()) as { list: Array<AssignTarget & { wantedAssignees?: unknown }> };
  const [found] = list;
  if (!found) throw refusalError('request.missing');
  const { wantedAssignees: _wanted, ...doc } = found;
  return { unitPath: doc.unitPath, resource: doc };
}

export function isAdminInScope(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return isAdminOver(roles, doc.responsiblePath);
}

/** An admin of a unit on the request's ladder. */
export function adminOnLadder(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return isAdminOver(roles, doc.unitPath);
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

/** The caller's grant that explains why they act on this request (the responsible head role first). */
export function actingGrant(doc: RequestDoc, roles: readonly RoleGrant[]): RoleGrant | undefined {
  const headRole = HEAD_ROLE_OF_KIND[doc.responsibleKind];
  return (
    roles.find((g) => g.role === headRole && g.unitId === doc.responsibleUnitId) ??
    roles.find((g) => isAdminGrantOver(g, doc.responsiblePath)) ??
    roles.find((g) => HANDLING_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId)) ??
    roles.find((g) => g.role === 'member')
  );
}
