import {
  cancelActivityInputSchema,
  planActivityInputSchema,
  updateActivityInputSchema,
  type Activity,
  type Audience,
  type ActivityPlaceInput,
} from '@honglin/types/activity';
import { monthOf } from '@honglin/types/time';
import { roles } from '../common/access';
import { newCheckinSecret } from '../common/domain/checkinToken';
import { checkText, SCENE } from '../common/content';
import type { ScopeTarget } from '../common/access';
import { inTransaction, byId } from '../common/db';
import { conflict, invalidArgument, notFound } from '../common/errors';
import { refusalError } from '../common/moves';
import { BRANCHES, type BranchDoc } from '../common/org';
import { defineAction } from '../common/runtime';
import { recordTimeline } from '../common/timeline';
import { moveActivity } from './move';
import { loadWithReferences, resolveFilms, resolvePlace, type WithReferences } from './places';
import {
  ACTIVITIES,
  MANAGERS,
  activityIdOf,
  activityScope,
  allowed,
  toActivity,
  txActivity,
  type ActivityDoc,
} from './store';

function checkAudience(audience: Audience, unitPath: readonly string[]): void {
  if (audience.kind === 'village' && !unitPath.includes(audience.unitId)) {
    throw invalidArgument('只能邀请本支部所在村的党员');
  }
}

interface References {
  place?: ActivityPlaceInput;
  filmIds?: readonly string[];
}

/** Scope rule of plan: the branch, with the place and films the plan names, in one read. */
async function branchWithReferences(
  input: { branchId: string } & References,
): Promise<ScopeTarget<WithReferences<BranchDoc>>> {
  const branch = await loadWithReferences<BranchDoc>(BRANCHES, input.branchId, input);
  if (!branch) throw notFound('找不到这个党支部，请刷新后重试');
  return { unitPath: branch.unitPath, branchId: branch._id, resource: branch };
}

/** Scope rule of update: the activity, with the place and films the change names, in one read. */
async function activityWithReferences(
  input: { id: string } & References,
): Promise<ScopeTarget<WithReferences<ActivityDoc>>> {
  const activity = await loadWithReferences<ActivityDoc>(ACTIVITIES, input.id, input);
  if (!activity) throw refusalError('activity.missing');
  return { unitPath: activity.unitPath, branchId: activity.branchId, resource: activity };
}

const isDuplicate = (error: unknown) => error instanceof Error && /duplicate key/.test(error.message);

/** 计划: the branch secretary (or an admin above) plans one of the month's lesson, film session or practice. */
export const plan = defineAction({
  input: planActivityInputSchema,
  access: roles(MANAGERS, branchWithReferences),
  async handler(input, { openid, resource: branch, now }): Promise<Activity> {
    checkAudience(input.audience, branch.unitPath);
    await checkText(openid, SCENE.post, [
      input.title,
      input.speaker,
      ...input.experts,
      'description' in input.place ? input.place.description : '',
    ]);
    const place = resolvePlace(input.place, branch.foundPlaces);
    const films = resolveFilms(input.filmIds, branch.foundFilms);
    const startAt = new Date(input.startAt);
    const doc: ActivityDoc = {
      _id: activityIdOf(input.requestId),
      requestId: input.requestId,
      branchId: branch._id,
      branchName: branch.name,
      unitPath: [...branch.unitPath],
      month: monthOf(startAt),
      kind: input.kind,
      title: input.title,
      startAt,
      place,
      ...(input.speaker ? { speaker: input.speaker } : {}),
      filmIds: films.map((f) => f._id),
      films,
      experts: input.experts,
      audience: input.audience,
      organiser: openid,
      status: 'planned',
      photos: [],
      attendance: { present: 0, absent: 0, delivered: 0 },
      checkinSecret: newCheckinSecret(),
      remindedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await inTransaction(async (tx) => {
        // add (not set): a retried plan hits the existing id and stores nothing twice.
        await tx.collection(ACTIVITIES).add({ data: { ...doc } });
        await recordTimeline(tx, {
          subject: 'activity',
          subjectId: doc._id,
          event: 'plan',
          from: null,
          to: 'planned',
          actor: openid,
          at: now,
          unitPath: doc.unitPath,
        });
      });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      const existing = await byId<ActivityDoc>(ACTIVITIES, doc._id);
      if (!existing || existing.organiser !== openid) throw conflict('请求编号重复，请重新提交');
      return toActivity(existing, true);
    }
    return toActivity(doc, true);
  },
});

/** Changes a planned (or open) activity: title, time, place, speaker, films, experts, audience. */
export const update = defineAction({
  input: updateActivityInputSchema,
  access: roles(MANAGERS, activityWithReferences),
  async handler(input, { openid, resource, now }): Promise<Activity> {
    allowed(resource.status, { type: 'update' });
    if (input.audience) checkAudience(input.audience, resource.unitPath);
    await checkText(openid, SCENE.post, [
      input.title,
      input.speaker,
      ...(input.experts ?? []),
      input.place && 'description' in input.place ? input.place.description : '',
    ]);
    const place = input.place ? resolvePlace(input.place, resource.foundPlaces) : null;
    const films = input.filmIds ? resolveFilms(input.filmIds, resource.foundFilms) : null;
    const startAt = input.startAt ? new Date(input.startAt) : null;
    const changes: Partial<ActivityDoc> = {
      ...(input.title ? { title: input.title } : {}),
      ...(startAt ? { startAt, month: monthOf(startAt), remindedAt: null } : {}),
      ...(place ? { place } : {}),
      ...(input.speaker !== undefined ? { speaker: input.speaker } : {}),
      ...(films ? { films, filmIds: films.map((f) => f._id) } : {}),
      ...(input.experts ? { experts: input.experts } : {}),
      ...(input.audience ? { audience: input.audience } : {}),
      updatedAt: now,
    };
    const updated = await inTransaction(async (tx) => {
      const current = await txActivity(tx, input.id);
      allowed(current.status, { type: 'update' });
      await tx.collection(ACTIVITIES).doc(input.id).update({ data: changes });
      return { ...current, ...changes };
    });
    return toActivity(updated, true);
  },
});

/** 取消: a planned or open activity is called off, with the reason kept. */
export const cancel = defineAction({
  input: cancelActivityInputSchema,
  access: roles(MANAGERS, activityScope),
  async handler(input, { openid, now }): Promise<Activity> {
    await checkText(openid, SCENE.post, [input.reason]);
    const updated = await moveActivity({
      id: input.id,
      actor: openid,
      now,
      event: { type: 'cancel' },
      changes: () => ({ cancelReason: input.reason }),
      note: input.reason,
    });
    return toActivity(updated, true);
  },
});
