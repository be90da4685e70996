import {
  OPEN_REQUEST_STATES,
  reportRequestInputSchema,
  requestRefSchema,
  similarRequestsInputSchema,
  submitRequestInputSchema,
  type SimilarRequest,
  type SubmitResult,
} from '@honglin/types/request';
import { maskPhonesIn } from '@honglin/types/mask';
import { anyone, roles } from '../common/access';
import { command, db } from '../common/cloud';
import { byId, inTransaction, isDuplicateKey, rows, txGet } from '../common/db';
import { bumpCounters } from '../common/counters';
import { checkImages, checkText, SCENE } from '../common/content';
import { requestReceived } from '../common/domain/metrics/bumps';
import { conflict, forbidden, invalidArgument } from '../common/errors';
import { LIMITS, refuseWhenRecordsReach } from '../common/limits';
import { defineAction, type CallerRecord } from '../common/runtime';
import type { ScopeTarget } from '../common/access';
import type { LadderStep } from '@honglin/types/request';
import type { UserRecord } from '@honglin/types/org';
import { writeNewRequest, type NewRequest, type Problem } from '../common/newRequest';
import {
  actorLabel,
  concerns,
  HANDLING_ROLES,
  isOpen,
  livesNear,
  loadLadder,
  NOT_AGREED_MESSAGE,
  registeredEnterprise,
  NOT_YOURS_MESSAGE,
  REQUESTS,
  viewerOf,
  type RequestDoc,
} from './store';
import { COLLECTIONS } from '../common/collections';

/**
 * Sends a request's stored photos to the image check (the verdict comes later and takes a refused photo off).
 * Runs after the write has committed, so a failure to start the check is logged, never answered as a failure
 * of what already happened.
 */
export async function checkPhotos(openid: string, id: string, field: 'photos' | 'resultPhotos', photos: string[]) {
  try {
    await checkImages(openid, SCENE.post, { collection: REQUESTS, id, field }, photos);
  } catch (error) {
    console.warn(
      `[request] image check of ${id}.${field} not started`,
      (error as { errCode?: number }).errCode ?? error,
    );
  }
}

function homeOf(caller: CallerRecord | null): string {
  // Nothing of someone who has not agreed to the privacy guideline is written anywhere.
  if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
  const home = (caller as Partial<UserRecord> | null)?.homeUnitId;
  if (!home) throw invalidArgument('请先在“我的”里选好您所在的邻，再提交诉求');
  return home;
}

/**
 * Where a problem is filed. An enterprise problem (营商服务) of an enterprise the town registered goes to the
 * enterprise's registered unit, whoever raises it and wherever they live: it is handled up that unit's ladder and
 * counted there (the enterprise once, by its place). Any other problem stays at the ladder it was raised on.
 */
async function filed<P extends Problem>(
  problem: P,
  town: string,
  raisedAt: () => Promise<LadderStep[]>,
): Promise<{ problem: P; ladder: LadderStep[] }> {
  if (problem.category !== 'enterprise' || !problem.enterprise) return { problem, ladder: await raisedAt() };
  const registered = await registeredEnterprise(town, problem.enterprise);
  if (!registered) return { problem, ladder: await raisedAt() };
  return { problem: { ...problem, enterprise: registered.enterprise }, ladder: registered.ladder };
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
    await checkText(openid, SCENE.post, [input.text, input.enterprise?.name, ...(input.parties ?? [])]);
    const town = (caller as Partial<UserRecord>).homeUnitPath?.[0] ?? home;
    const { problem, ladder } = await filed(input, town, () => loadLadder(home));
    const name = (caller as Partial<UserRecord> | null)?.nickname ?? '';
    return create({
      id: input.requestId,
      problem,
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

/**
 * A reported resident's account is linked (so they follow and rate it themselves) only when it is a person who
 * agreed to the privacy guideline and lives in the neighbourhood the head reports for.
 */
async function checkResidentAccount(userId: string, neighbourhoodId: string): Promise<void> {
  const person = await byId<UserRecord>(COLLECTIONS.users, userId);
  if (!person || person.deletedAt || !person.privacyAcceptedAt) {
    throw invalidArgument('这位居民还没有使用红邻（或没有同意隐私保护指引），不能关联账号，只填姓名即可');
  }
  if (!(person.homeUnitPath ?? []).includes(neighbourhoodId)) {
    throw invalidArgument('这位居民不住在这个邻，不能关联账号');
  }
}

/** 代为反映: a head reports a resident's problem; the resident's name and phone stay with the handlers. */
export const report = defineAction({
  input: reportRequestInputSchema,
  access: roles(HANDLING_ROLES, ladderScope),
  async handler(input, { openid, caller, grants, resource: raisedAt, now }): Promise<SubmitResult> {
    if (input.resident.userId) await checkResidentAccount(input.resident.userId, input.unitId);
    await checkText(openid, SCENE.post, [
      input.text,
      input.resident.name,
      input.enterprise?.name,
      ...(input.parties ?? []),
    ]);
    const label = actorLabel(caller, grants[0]);
    const { problem, ladder } = await filed(input, raisedAt[0].unitId, async () => raisedAt);
    return create({
      id: input.requestId,
      problem,
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
/** How much of a similar request's text a neighbour sees. */
const SIMILAR_TEXT_LENGTH = 30;

/** A request as a neighbour about to submit may see it: category, a short text with numbers masked, state, age. */
function neighbourView(doc: RequestDoc): SimilarRequest {
  // Masked before it is cut, so a number cut in half is never left whole enough to read.
  const chars = [...maskPhonesIn(doc.text)];
  const text = chars.length > SIMILAR_TEXT_LENGTH ? `${chars.slice(0, SIMILAR_TEXT_LENGTH).join('')}…` : chars.join('');
  return {
    _id: doc._id,
    category: doc.category,
    text,
    state: doc.state,
    createdAt: new Date(doc.createdAt).toISOString(),
  };
}

/**
 * 相似诉求: open requests of the same category in the caller's own village, near the point they marked (or in
 * their neighbourhood), shown before submitting: a neighbour's view only, no names, point or photos.
 */
export const similar = defineAction({
  input: similarRequestsInputSchema,
  access: anyone,
  async handler(input, { caller }): Promise<SimilarRequest[]> {
    const home = homeOf(caller);
    const homePath = (caller as Partial<UserRecord>).homeUnitPath ?? [];
    // The village is the second rung of the home's path (town, village, …).
    const village = homePath[1] ?? home;
    const open = { category: input.category, state: command.in([...OPEN_REQUEST_STATES]) };
    const query = input.point
      ? db
          .collection(REQUESTS)
          .where({
            ...open,
            unitPath: village,
            point: command.geoNear({
              geometry: db.Geo.Point(input.point.coordinates[0], input.point.coordinates[1]),
              maxDistance: NEARBY_METRES,
            }),
          })
          .limit(SIMILAR_LIMIT)
      : db
          .collection(REQUESTS)
          .where({ ...open, unitId: home })
          .orderBy('createdAt', 'desc')
          .limit(SIMILAR_LIMIT);
    return (await rows<RequestDoc>(query)).map(neighbourView);
  },
});

/**
 * 关注: a neighbour follows an open request instead of raising the same problem again. Only someone who agreed to
 * the privacy guideline and lives in the request's neighbourhood or group may; then they see its public view.
 */
export const follow = defineAction({
  input: requestRefSchema,
  access: anyone,
  async handler({ id }, { openid, caller }): Promise<{ following: true }> {
    if (!caller) throw forbidden(NOT_AGREED_MESSAGE);
    const viewer = viewerOf(openid, caller);
    await inTransaction(async (tx) => {
      const doc = await txGet<RequestDoc>(tx, REQUESTS, id);
      if (!doc) throw forbidden(NOT_YOURS_MESSAGE);
      // The resident, the reporter and the heads on its ladder already see it.
      if (concerns(doc, viewer) || doc.followers.includes(openid)) return;
      if (!livesNear(doc, viewer.homeUnitPath)) throw forbidden('只有同一邻或同一组的居民可以关注这条诉求');
      if (!isOpen(doc)) throw conflict('这条诉求已经办结，不用再关注了');
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
