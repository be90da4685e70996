import { OPEN_REQUEST_STATES } from '@honglin/types/request';
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
import { notFound } from '../common/errors';
import { REQUESTS, type RequestDoc } from '../common/requests';
import type { CallerRecord } from '../common/runtime';
import { COLLECTIONS } from '../common/collections';

// Moved to common/requests (visit writes requests too); re-exported for the request function's own files.
export { actorLabel, ladderFrom, loadLadder, REQUESTS, responsibleAt, type RequestDoc } from '../common/requests';
export { HANDLING_ROLES } from '@honglin/types/org';

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
    .lookup({ from: COLLECTIONS.users, localField: 'wantedAssignees', foreignField: '_id', as: 'assigneeCandidates' })
    .end()) as { list: Array<AssignTarget & { wantedAssignees?: unknown }> };
  const [found] = list;
  if (!found) throw notFound('找不到这条诉求，请刷新后重试');
  const { wantedAssignees: _wanted, ...doc } = found;
  return { unitPath: doc.unitPath, resource: doc };
}

/** A head of exactly the responsible unit, or an admin at or above it. */
export function isResponsibleHead(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  const headRole = HEAD_ROLE_OF_KIND[doc.responsibleKind];
  return roles.some(
    (g) => (g.role === headRole && g.unitId === doc.responsibleUnitId) || isAdminGrantOver(g, doc.responsiblePath),
  );
}

export function isAdminInScope(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return isAdminOver(roles, doc.responsiblePath);
}

/** Handlers see the resident's name and phone: the responsible level's heads, the named handler, the assignee, admins in scope. */
export function isHandler(doc: RequestDoc, openid: string, roles: readonly RoleGrant[]): boolean {
  return openid === doc.handlerId || openid === doc.assigneeId || isResponsibleHead(doc, roles);
}

/** Who is looking at a request: their OPENID, roles, home and whether they agreed to the privacy guideline. */
export interface Viewer {
  openid: string;
  roles: readonly RoleGrant[];
  homeUnitPath: readonly string[];
  consented: boolean;
}

/** The viewer as the runtime knows them: a caller without a record has not agreed to the guideline. */
export function viewerOf(openid: string, caller: CallerRecord | null): Viewer {
  const record = caller as (CallerRecord & Partial<UserRecord>) | null;
  return {
    openid,
    roles: record?.roles ?? [],
    homeUnitPath: record?.homeUnitPath ?? [],
    consented: !!record?.privacyAcceptedAt,
  };
}

/** Lives in the request's own neighbourhood, or in its group (a neighbour's business, not a stranger's). */
export function livesNear(doc: RequestDoc, homeUnitPath: readonly string[]): boolean {
  const group = doc.ladder.find((s) => s.kind === 'group');
  return homeUnitPath.includes(doc.unitId) || (!!group && homeUnitPath.includes(group.unitId));
}

/** A head or admin of a unit on the request's ladder. */
export function onLadder(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => HANDLING_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId));
}

/** An admin of a unit on the request's ladder. */
export function adminOnLadder(doc: RequestDoc, roles: readonly RoleGrant[]): boolean {
  return isAdminOver(roles, doc.unitPath);
}

/** The people a request concerns, who see it whole: its resident, its reporter, its handlers and assignee, the heads and admins on its ladder. */
export function concerns(doc: RequestDoc, v: Viewer): boolean {
  return (
    v.openid === doc.submitter ||
    v.openid === doc.reporterId ||
    isHandler(doc, v.openid, v.roles) ||
    onLadder(doc, v.roles)
  );
}

/** A follower who may still see its public view: agreed to the guideline and lives in its neighbourhood or group. */
export function isNeighbourFollower(doc: RequestDoc, v: Viewer): boolean {
  return v.consented && doc.followers.includes(v.openid) && livesNear(doc, v.homeUnitPath);
}

/** May see the request at all: those it concerns, and neighbour followers (the public view only). */
export function mayView(doc: RequestDoc, v: Viewer): boolean {
  return concerns(doc, v) || isNeighbourFollower(doc, v);
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
