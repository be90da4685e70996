import type {
  RequestDetail,
  RequestPermissions,
  RequestState,
  RequestSummary,
  RequestView,
  TimelineItem,
} from '@honglin/types/request';
import { isOverdue } from '../common/domain/timeLimits';
import { photosFor } from '../common/pendingPhotos';
import type { TimelineEntry } from '../common/timeline';
import { maskName } from '@honglin/types/mask';
import {
  adminOnLadder,
  concerns,
  isAdminInScope,
  isHandler,
  isOpen,
  isResponsibleHead,
  livesNear,
  mayView,
  onLadder,
  rater,
  type RequestDoc,
  type Viewer,
} from './store';

/** A request's timeline entry as stored (common/timeline.ts), its states a request's. */
export type RequestTimelineDoc = Pick<TimelineEntry, 'event' | 'actor' | 'actorName' | 'at' | 'note'> & {
  from: RequestState | null;
  to: RequestState | null;
};

const iso = (d: Date | string) => new Date(d).toISOString();

/** What the viewer may do with the request now (the actions check the same rules again). */
export function permissionsOf(doc: RequestDoc, v: Viewer): RequestPermissions {
  const { openid, roles } = v;
  const taken = doc.state === 'accepted' || doc.state === 'in_progress';
  const leads = openid === doc.handlerId || isAdminInScope(doc, roles) || (taken && isResponsibleHead(doc, roles));
  return {
    accept: doc.state === 'submitted' && isResponsibleHead(doc, roles),
    assign: taken && leads,
    escalate: taken && doc.level > 0 && leads,
    handBack:
      isOpen(doc) &&
      ((doc.state === 'in_progress' && openid === doc.assigneeId) ||
        (doc.cameFrom.length > 0 && isResponsibleHead(doc, roles))),
    resolve: taken && (leads || openid === doc.assigneeId),
    rate: doc.state === 'resolved' && !!rater(doc, v),
    // Neighbours follow; the people it concerns already see it.
    follow:
      isOpen(doc) &&
      v.consented &&
      !doc.followers.includes(openid) &&
      !concerns(doc, v) &&
      livesNear(doc, v.homeUnitPath),
    comment: v.consented && mayView(doc, v),
  };
}

/** The resident as this viewer may see them: in full for handlers and the resident, masked for the rest unless shown. */
function raisedBy(doc: RequestDoc, v: Viewer): string {
  const own = v.openid === doc.submitter || v.openid === doc.reporterId;
  if (own || isHandler(doc, v.openid, v.roles) || doc.showName) return doc.residentName || '居民';
  return maskName(doc.residentName);
}

/**
 * A request as this viewer may see it. Those it concerns see it whole, except: the resident's phone only for its
 * handlers, the reporter and the resident; dispute parties whole only for its handlers and the admins on its
 * ladder. A neighbour who follows it sees the public view: no photos, point, parties, phone, handlers' names or
 * rating comment.
 */
export function toView(doc: RequestDoc, v: Viewer, now: Date): RequestView {
  const { openid, roles } = v;
  const full = concerns(doc, v);
  const handles = isHandler(doc, openid, roles);
  const seesPhone = handles || openid === doc.reporterId || openid === doc.submitter;
  const seesParties = handles || adminOnLadder(doc, roles);
  return {
    _id: doc._id,
    category: doc.category,
    urgent: doc.urgent,
    text: doc.text,
    // Pending photos: for those it concerns (its resident and reporter, who gave them, and its handlers).
    ...(full ? photosFor(doc.photos, doc.pendingPhotos, true) : { photos: [] }),
    ...(full && doc.point ? { point: doc.point } : {}),
    ...(doc.enterprise ? { enterprise: doc.enterprise } : {}),
    ...(full && doc.parties ? { parties: seesParties ? doc.parties : doc.parties.map(maskName) } : {}),
    unitName: doc.unitName,
    raisedBy: raisedBy(doc, v),
    reportedByHead: doc.reporterId !== null,
    ...(doc.residentPhone && seesPhone ? { residentPhone: doc.residentPhone } : {}),
    state: doc.state,
    responsible: doc.ladder[doc.level],
    ladder: doc.ladder,
    ...(full && doc.handlerName ? { handlerName: doc.handlerName } : {}),
    ...(full && doc.assigneeName ? { assigneeName: doc.assigneeName } : {}),
    acceptBy: iso(doc.acceptBy),
    resolveBy: iso(doc.resolveBy),
    overdue: isOverdue(doc, now),
    // The result's pending photos: for its handlers only (the resident sees them once checked).
    ...(doc.result
      ? {
          result: {
            text: doc.result,
            ...(full
              ? photosFor(doc.resultPhotos, doc.pendingPhotos, handles || onLadder(doc, roles))
              : { photos: [] }),
          },
        }
      : {}),
    ...(doc.rating
      ? {
          rating: {
            value: doc.rating.value,
            ...(full && doc.rating.comment ? { comment: doc.rating.comment } : {}),
            ...(doc.rating.onBehalf ? { onBehalf: true } : {}),
          },
        }
      : {}),
    followerCount: doc.followers.length,
    createdAt: iso(doc.createdAt),
    can: permissionsOf(doc, v),
  };
}

export function toDetail(doc: RequestDoc, timeline: RequestTimelineDoc[], v: Viewer, now: Date): RequestDetail {
  const view = toView(doc, v, now);
  const full = concerns(doc, v);
  const items: TimelineItem[] = timeline
    // Comments are words between the people it concerns (and neighbours following it): a follower sees steps only.
    .filter((t) => full || t.event !== 'comment')
    .map((t) => ({
      event: t.event,
      from: t.from,
      to: t.to,
      // The resident's own entries follow the same masking as the request; a follower sees no one's name.
      actor:
        t.actor === 'system'
          ? '系统'
          : t.actor === doc.submitter
            ? view.raisedBy
            : full
              ? (t.actorName ?? '居民')
              : '经办人',
      at: iso(t.at),
      ...(full && t.note ? { note: t.note } : {}),
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
