import type { LadderStep, RequestCategory, GeoPoint } from '@honglin/types/request';
import { config } from './config';
import type { Tx } from './db';
import { dueTimes, type RequestTimeLimits } from './domain/timeLimits';
import { recordTimeline } from './timeline';
import { REQUESTS, responsibleAt, type RequestDoc } from './requests';

/** How long each category may wait to be accepted and resolved (config/honglin.json; no cast: a missing category fails to compile). */
export const timeLimits: RequestTimeLimits = config.requestTimeLimits;

export interface Problem {
  category: RequestCategory;
  urgent: boolean;
  text: string;
  point?: GeoPoint;
  photos: string[];
  enterprise?: { name: string; placeId?: string };
  parties?: string[];
}

export interface NewRequest {
  id: string;
  problem: Problem;
  ladder: LadderStep[];
  submitter: string | null;
  residentName: string;
  residentPhone: string | null;
  showName: boolean;
  reporterId: string | null;
  reporterName: string | null;
  visitId?: string;
  /** Who the timeline names: the resident, or the reporting head. */
  actor: string;
  actorName: string;
  now: Date;
}

/** A new request waits at the resident's neighbourhood (the last rung), due per its category. */
export function newRequestDoc(r: NewRequest): RequestDoc {
  const { problem, ladder, now } = r;
  const neighbourhood = ladder[ladder.length - 1];
  const participants = r.submitter ? [r.submitter] : [];
  return {
    _id: r.id,
    category: problem.category,
    urgent: problem.urgent,
    text: problem.text,
    photos: problem.photos,
    // Shown to others once WeChat's image check passed them (common/pendingPhotos.ts).
    pendingPhotos: problem.photos,
    ...(problem.point ? { point: problem.point } : {}),
    ...(problem.category === 'enterprise' && problem.enterprise ? { enterprise: problem.enterprise } : {}),
    ...(problem.category === 'dispute' && problem.parties ? { parties: problem.parties } : {}),
    unitId: neighbourhood.unitId,
    unitName: neighbourhood.name,
    ladder,
    unitPath: ladder.map((s) => s.unitId),
    ...responsibleAt(ladder, ladder.length - 1),
    cameFrom: [],
    state: 'submitted',
    handlerId: null,
    handlerName: null,
    assigneeId: null,
    assigneeName: null,
    submitter: r.submitter,
    residentName: r.residentName,
    showName: r.showName,
    reporterId: r.reporterId,
    reporterName: r.reporterName,
    residentPhone: r.residentPhone,
    participants,
    followers: [],
    ...dueTimes(problem.category, problem.urgent, now, timeLimits),
    acceptedAt: null,
    resolvedAt: null,
    firstResolvedAt: null,
    closedAt: null,
    result: null,
    resultPhotos: [],
    rating: null,
    visitId: r.visitId ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Writes a new request with its "submitted" timeline entry. Added, never set: when the id exists already (a
 * retried send whose first attempt made it), the transaction fails with a duplicate key and writes nothing.
 */
export async function writeNewRequest(tx: Tx, r: NewRequest): Promise<RequestDoc> {
  const doc = newRequestDoc(r);
  await tx.collection(REQUESTS).add({ data: { ...doc } as unknown as Record<string, unknown> });
  await recordTimeline(tx, {
    subject: 'request',
    subjectId: doc._id,
    event: 'submitted',
    from: null,
    to: 'submitted',
    actor: r.actor,
    actorName: r.actorName,
    at: r.now,
    unitPath: doc.unitPath,
  });
  return doc;
}
