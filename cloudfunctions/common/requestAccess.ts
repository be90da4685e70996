import {
  HANDLING_ROLES,
  HEAD_ROLE_OF_KIND,
  isAdminGrantOver,
  type RoleGrant,
  type UserRecord,
} from '@honglin/types/org';
import { LINKABLE_REQUEST_STATES, type LadderStep, type RequestState } from '@honglin/types/request';
import { byId } from './db';
import { REQUESTS } from './requests';
import { invalidArgument } from './errors';
import type { CallerRecord } from './runtime';

/**
 * Who may see a resident request, shared by the request function and by the pledge function (which links pledges
 * and fulfilments to requests): one rule, so a link never reaches a request its member could not open.
 */

/** The fields of a stored request (request/store.ts RequestDoc) that decide who sees it. */
export interface RequestAudience {
  unitId: string;
  ladder: LadderStep[];
  unitPath: string[];
  responsibleUnitId: string;
  responsibleKind: LadderStep['kind'];
  responsiblePath: string[];
  state: RequestState;
  handlerId: string | null;
  assigneeId: string | null;
  submitter: string | null;
  reporterId: string | null;
  followers: string[];
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

/** A head of exactly the responsible unit, or an admin at or above it. */
export function isResponsibleHead(doc: RequestAudience, roles: readonly RoleGrant[]): boolean {
  const headRole = HEAD_ROLE_OF_KIND[doc.responsibleKind];
  return roles.some(
    (g) => (g.role === headRole && g.unitId === doc.responsibleUnitId) || isAdminGrantOver(g, doc.responsiblePath),
  );
}

/** Handlers see the resident's name and phone: the responsible level's heads, the named handler, the assignee, admins in scope. */
export function isHandler(doc: RequestAudience, openid: string, roles: readonly RoleGrant[]): boolean {
  return openid === doc.handlerId || openid === doc.assigneeId || isResponsibleHead(doc, roles);
}

/** Lives in the request's own neighbourhood, or in its group (a neighbour's business, not a stranger's). */
export function livesNear(doc: RequestAudience, homeUnitPath: readonly string[]): boolean {
  const group = doc.ladder.find((s) => s.kind === 'group');
  return homeUnitPath.includes(doc.unitId) || (!!group && homeUnitPath.includes(group.unitId));
}

/** A head or admin of a unit on the request's ladder. */
export function onLadder(doc: RequestAudience, roles: readonly RoleGrant[]): boolean {
  return roles.some((g) => HANDLING_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId));
}

/** The people a request concerns, who see it whole: its resident, its reporter, its handlers and assignee, the heads and admins on its ladder. */
export function concerns(doc: RequestAudience, v: Viewer): boolean {
  return (
    v.openid === doc.submitter ||
    v.openid === doc.reporterId ||
    isHandler(doc, v.openid, v.roles) ||
    onLadder(doc, v.roles)
  );
}

/** A follower who may still see its public view: agreed to the guideline and lives in its neighbourhood or group. */
export function isNeighbourFollower(doc: RequestAudience, v: Viewer): boolean {
  return v.consented && doc.followers.includes(v.openid) && livesNear(doc, v.homeUnitPath);
}

/** May see the request at all: those it concerns, and neighbour followers (the public view only). */
export function mayView(doc: RequestAudience, v: Viewer): boolean {
  return concerns(doc, v) || isNeighbourFollower(doc, v);
}

/**
 * A pledge or a fulfilment may name the resident request it solved only when the member may see that request and
 * it is resolved: a typed or guessed id of someone else's request links nothing.
 */
export async function checkLinkable(id: string, viewer: Viewer): Promise<void> {
  checkLinkableDoc(await byId<RequestAudience>(REQUESTS, id), viewer);
}

/** The same check on a request already read (null: no such request). */
export function checkLinkableDoc(doc: RequestAudience | null, viewer: Viewer): void {
  if (!doc || !mayView(doc, viewer)) throw invalidArgument('只能关联您能查看的诉求，请从列表中选择');
  if (!LINKABLE_REQUEST_STATES.includes(doc.state)) throw invalidArgument('只能关联已经办结的诉求');
}
