import {
  OPEN_REQUEST_STATES,
  reportRequestInputSchema,
  requestRefSchema,
  similarRequestsInputSchema,
  submitRequestInputSchema,
  type RequestSummary,
  type SubmitResult,
} from '@honglin/types/request';
import { anyone, roles } from '../common/access';
import { command, db } from '../common/cloud';
import { byId, inTransaction, isDuplicateKey, rows, txGet } from '../common/db';
import { bumpCounters } from '../common/counters';
import { checkImages, checkText } from '../common/content';
import { requestReceived } from '../common/domain/metrics';
import { conflict, forbidden, invalidArgument } from '../common/errors';
import { LIMITS, refuseWhenRecordsReach } from '../common/limits';
import { defineAction, type CallerRecord } from '../common/runtime';
import type { ScopeTarget } from '../common/access';
import type { LadderStep } from '@honglin/types/request';
import type { UserRecord } from '@honglin/types/org';
import { writeNewRequest, type NewRequest } from './create';
import { actorLabel, HANDLING_ROLES, isOpen, loadLadder, REQUESTS, type RequestDoc } from './store';
import { toSummary } from './view';

/** Content scene of requests (WeChat: 3 = forum post). */
export const REQUEST_SCENE = 3;

/**
 * Sends a request's stored photos to the image check (the verdict comes later and takes a refused photo off).
 * Runs after the write has committed, so a failure to start the check is logged, never answered as a failure
 * of what already happened.
 */
export async function checkPhotos(openid: string, id: string, field: 'photos' | 'resultPhotos', photos: string[]) {
  try {
    await checkImages(openid, REQUEST_SCENE, { collection: REQUESTS, id, field }, photos);
  } catch (error) {
    console.warn(
      `[request] image check of ${id}.${field} not started`,
      (error as { errCode?: number }).errCode ?? error,
    );
  }
}

function homeOf(caller: CallerRecord | null): string {
  const home = (caller as Partial<UserRecord> | null)?.homeUnitId;
  if (!home) throw invalidArgument('请先在“我的”里选好您所在的邻，再提交诉求');
  return home;
}

/**
 * Writes a new request, its timeline entry and its counts in one transaction. A retried send (the same request
 * id) whose first attempt made it answers that request and writes nothing; the id belongs to whoever made it.
 */
async function create(r: NewRequest): Promise<SubmitResult> {
  let doc: RequestDoc;
  try {
    doc = await inTransaction(async (tx) => {
      const made = await writeNewRequest(tx, r);
      const { deltas, distinct } = requestReceived(made.category);
      await bumpCounters(tx, made.unitPath, r.now, deltas, distinct);
      return made;
    });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await byId<RequestDoc>(REQUESTS, r.id);
    const mine = existing && (existing.reporterId ? existing.reporterId === r.actor : existing.submitter === r.actor);
    if (!existing || !mine) throw conflict('这个编号已被使用，请重新提交');
    return { id: existing._id, state: existing.state, created: false };
  }
  await checkPhotos(r.actor, r.id, 'photos', r.problem.photos);
  return { id: doc._id, state: doc.state, created: true };
}

/** 提交诉求: a villager raises their own problem, at their neighbourhood. A retried send creates nothing more. */
export const submit = defineAction({
  input: submitRequestInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<SubmitResult> {
    const home = homeOf(caller);
    // The person's own requests of the last hour are the tally; this one's id is left out, so a retry still
    // answers the request it made.
    await refuseWhenRecordsReach(
      LIMITS.requestSubmit,
      REQUESTS,
      { participants: openid, submitter: openid, _id: command.neq(input.requestId) },
      'createdAt',
      now,
    );
    await checkText(openid, REQUEST_SCENE, [input.text, input.enterprise?.name, ...(input.parties ?? [])]);
    const ladder = await loadLadder(home);
    const name = (caller as Partial<UserRecord> | null)?.nickname ?? '';
    return create({
      id: input.requestId,
      problem: input,
      ladder,
      submitter: openid,
      residentName: name,
      residentPhone: null,
      showName: input.showName,
      reporterId: null,
      reporterName: null,
      actor: openid,
      actorName: name || '居民',
      now,
    });
  },
});

/** Scope rule of report: the resident's neighbourhood, read with its ladder in one go. */
async function ladderScope(input: { unitId: string }): Promise<ScopeTarget<LadderStep[]>> {
  const ladder = await loadLadder(input.unitId);
  return { unitPath: ladder.map((s) => s.unitId), resource: ladder };
}

/** 代为反映: a head reports a resident's problem; the resident's name and phone stay with the handlers. */
export const report = defineAction({
  input: reportRequestInputSchema,
  access: roles(HANDLING_ROLES, ladderScope),
  async handler(input, { openid, caller, grants, resource: ladder, now }): Promise<SubmitResult> {
    await checkText(openid, REQUEST_SCENE, [
      input.text,
      input.resident.name,
      input.enterprise?.name,
      ...(input.parties ?? []),
    ]);
    const label = actorLabel(caller, grants[0]);
    return create({
      id: input.requestId,
      problem: input,
      ladder,
      submitter: input.resident.userId ?? null,
      residentName: input.resident.name,
      residentPhone: input.resident.phone ?? null,
      showName: false,
      reporterId: openid,
      reporterName: label,
      actor: openid,
      actorName: label,
      now,
    });
  },
});

const SIMILAR_LIMIT = 5;
/** How far "nearby" reaches when the resident marked a point. */
const NEARBY_METRES = 500;

/** 相似诉求: open requests of the same category nearby (or in the same neighbourhood), shown before submitting. */
export const similar = defineAction({
  input: similarRequestsInputSchema,
  access: anyone,
  async handler(input, { caller, now }): Promise<RequestSummary[]> {
    const open = { category: input.category, state: command.in([...OPEN_REQUEST_STATES]) };
    const query = input.point
      ? db
          .collection(REQUESTS)
          .where({
            ...open,
            point: command.geoNear({
              geometry: db.Geo.Point(input.point.coordinates[0], input.point.coordinates[1]),
              maxDistance: NEARBY_METRES,
            }),
          })
          .limit(SIMILAR_LIMIT)
      : db
          .collection(REQUESTS)
          .where({ ...open, unitId: homeOf(caller) })
          .orderBy('createdAt', 'desc')
          .limit(SIMILAR_LIMIT);
    return (await rows<RequestDoc>(query)).map((doc) => toSummary(doc, now));
  },
});

/** 关注: a resident follows an open request instead of raising the same problem again. */
export const follow = defineAction({
  input: requestRefSchema,
  access: anyone,
  async handler({ id }, { openid, caller }): Promise<{ following: true }> {
    await inTransaction(async (tx) => {
      const doc = await txGet<RequestDoc>(tx, REQUESTS, id);
      if (!doc) throw forbidden();
      if (!isOpen(doc)) throw conflict('这条诉求已经办结，不用再关注了');
      const heads = (caller?.roles ?? []).some(
        (g) => HANDLING_ROLES.includes(g.role) && doc.unitPath.includes(g.unitId),
      );
      // Residents of the same area follow; the resident and the reporter already see it.
      if (doc.participants.includes(openid) || doc.reporterId === openid || heads) return;
      await tx
        .collection(REQUESTS)
        .doc(id)
        .update({
          data: { followers: command.addToSet(openid), participants: command.addToSet(openid) },
        });
    });
    return { following: true };
  },
});
