import type {
  RequestDetail,
  RequestPermissions,
  RequestState,
  RequestSummary,
  RequestView,
  TimelineItem,
} from '@honglin/types/request';
import type { RoleGrant } from '@honglin/types/org';
import { isOverdue } from '../common/domain/timeLimits';
import { maskName, maskPhone } from '@honglin/types/mask';
import {
  HANDLING_ROLES,
  isAdminInScope,
  isHandler,
  isOpen,
  isResponsibleHead,
  mayView,
  type RequestDoc,
} from './store';

/** A timeline entry as stored by this function (the shared fields plus how the actor is shown). */
export interface RequestTimelineDoc {
  event: string;
  from: RequestState | null;
  to: RequestState | null;
  actor: string;
  actorName?: string;
  at: Date;
  note?: string;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** What the viewer may do with the request now (the actions check the same rules again). */
export function permissionsOf(doc: RequestDoc, openid: string, roles: readonly RoleGrant[]): RequestPermissions {
  const taken = doc.state === 'accepted' || doc.state === 'in_progress';
  const leads = openid === doc.handlerId || isAdminInScope(doc, roles) || (taken && isResponsibleHead(doc, roles));
  const resident = doc.submitter ? openid === doc.submitter : openid === doc.reporterId;
  return {
    accept: doc.state === 'submitted' && isResponsibleHead(doc, roles),
    assign: taken && leads,
    escalate: taken && doc.level > 0 && leads,
    handBack:
      isOpen(doc) &&
      ((doc.state === 'in_progress' && openid === doc.assigneeId) ||
        (doc.cameFrom.length > 0 && isResponsibleHead(doc, roles))),
    resolve: taken && (leads || openid === doc.assigneeId),
    rate: doc.state === 'resolved' && resident,
    // Residents follow; heads and admins on its ladder already see it.
    follow:
      isOpen(doc) &&
      !doc.participants.includes(openid) &&
      openid !== doc.reporterId &&
      !roles.some((g) => HANDLING_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId)),
    comment: mayView(doc, openid, roles),
  };
}

/** The resident as this viewer may see them: in full for handlers and the resident, masked for the rest unless shown. */
function raisedBy(doc: RequestDoc, openid: string, roles: readonly RoleGrant[]): string {
  const own = openid === doc.submitter || openid === doc.reporterId;
  if (own || isHandler(doc, openid, roles) || doc.showName) return doc.residentName || '居民';
  return maskName(doc.residentName);
}

export function toView(doc: RequestDoc, openid: string, roles: readonly RoleGrant[], now: Date): RequestView {
  const handler = isHandler(doc, openid, roles) || openid === doc.reporterId;
  return {
    _id: doc._id,
    category: doc.category,
    urgent: doc.urgent,
    text: doc.text,
    photos: doc.photos,
    ...(doc.point ? { point: doc.point } : {}),
    ...(doc.enterprise ? { enterprise: doc.enterprise } : {}),
    ...(doc.parties ? { parties: doc.parties } : {}),
    unitName: doc.unitName,
    raisedBy: raisedBy(doc, openid, roles),
    reportedByHead: doc.reporterId !== null,
    ...(doc.residentPhone
      ? { residentPhone: handler || openid === doc.submitter ? doc.residentPhone : maskPhone(doc.residentPhone) }
      : {}),
    state: doc.state,
    responsible: doc.ladder[doc.level],
    ladder: doc.ladder,
    ...(doc.handlerName ? { handlerName: doc.handlerName } : {}),
    ...(doc.assigneeName ? { assigneeName: doc.assigneeName } : {}),
    acceptBy: iso(doc.acceptBy),
    resolveBy: iso(doc.resolveBy),
    overdue: isOverdue(doc, now),
    ...(doc.result ? { result: { text: doc.result, photos: doc.resultPhotos } } : {}),
    ...(doc.rating
      ? { rating: { value: doc.rating.value, ...(doc.rating.comment ? { comment: doc.rating.comment } : {}) } }
      : {}),
    followerCount: doc.followers.length,
    createdAt: iso(doc.createdAt),
    can: permissionsOf(doc, openid, roles),
  };
}

export function toDetail(
  doc: RequestDoc,
  timeline: RequestTimelineDoc[],
  openid: string,
  roles: readonly RoleGrant[],
  now: Date,
): RequestDetail {
  const view = toView(doc, openid, roles, now);
  const items: TimelineItem[] = timeline.map((t) => ({
    event: t.event,
    from: t.from,
    to: t.to,
    // The resident's own entries follow the same masking as the request.
    actor: t.actor === 'system' ? '系统' : t.actor === doc.submitter ? view.raisedBy : (t.actorName ?? '居民'),
    at: iso(t.at),
    ...(t.note ? { note: t.note } : {}),
  }));
  return { ...view, timeline: items };
}

export function toSummary(doc: RequestDoc, now: Date): RequestSummary {
  return {
    _id: doc._id,
    category: doc.category,
    urgent: doc.urgent,
    text: doc.text.length > 60 ? `${doc.text.slice(0, 60)}…` : doc.text,
    unitName: doc.unitName,
    state: doc.state,
    responsible: doc.ladder[doc.level],
    overdue: isOverdue(doc, now),
    acceptBy: iso(doc.acceptBy),
    resolveBy: iso(doc.resolveBy),
    followerCount: doc.followers.length,
    createdAt: iso(doc.createdAt),
  };
}
