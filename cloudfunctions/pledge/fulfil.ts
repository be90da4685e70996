import {
  MAX_FULFILMENTS,
  pledgeFulfilmentInputSchema,
  pledgeIdInputSchema,
  type PledgeSummary,
} from '@honglin/types/pledge';
import { dayOf } from '@honglin/types/time';
import { roles } from '../common/access';
import { checkImages, checkText, SCENE } from '../common/content';
import { withPending } from '../common/pendingPhotos';
import { forbidden } from '../common/errors';
import { dayMoment, fulfilmentAdded } from '../common/domain/metrics/bumps';
import { defineAction } from '../common/runtime';
import { checkLinkableDoc, viewerOf } from '../common/requestAccess';
import { movePledge } from './move';
import { fulfilmentScope, PLEDGES, pledgeScope, toSummary, type FulfilmentDoc } from './store';

/** 践诺: the owner records what was done on an approved pledge. Idempotent by requestId. */
export const addFulfilment = defineAction({
  input: pledgeFulfilmentInputSchema,
  access: roles(['member'], fulfilmentScope),
  async handler(input, { openid, caller, now, resource }): Promise<PledgeSummary> {
    if (resource.ownerId !== openid) throw forbidden('只有承诺人本人可以记录践诺');
    const today = dayOf(now);
    if (resource.fulfilments.some((f) => f.id === input.requestId)) return toSummary(resource, today, true);
    await checkText(openid, SCENE.post, [input.text]);
    if (input.linkedRequestId) checkLinkableDoc(resource.linkedRequests[0] ?? null, viewerOf(openid, caller));
    const record: FulfilmentDoc = {
      id: input.requestId,
      day: input.day,
      text: input.text,
      photos: input.photos,
      peopleHelped: input.peopleHelped,
      ...(input.linkedRequestId ? { linkedRequestId: input.linkedRequestId } : {}),
      createdAt: now,
    };
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      ownerOnly: true,
      // A retry that raced its own first attempt: the record is already there, answer it and add nothing.
      alreadyMade: (p) => p.fulfilments.some((f) => f.id === input.requestId),
      event: (p) => {
        if (p.fulfilments.length >= MAX_FULFILMENTS) return 'pledge.tooManyFulfilments';
        // A completed pledge still takes the help given for a while after completion.
        const completedDaysAgo = p.completedAt
          ? Math.floor((now.getTime() - new Date(p.completedAt).getTime()) / 86400_000)
          : undefined;
        return { type: 'fulfil', completedDaysAgo };
      },
      note: input.text.slice(0, 50),
      changes: (p) => ({
        fulfilments: [...p.fulfilments, record],
        fulfilmentCount: p.fulfilments.length + 1,
        peopleHelped: p.peopleHelped + input.peopleHelped,
        pendingPhotos: withPending(p.pendingPhotos, record.photos),
      }),
      counters: () => fulfilmentAdded(input.linkedRequestId),
      // Counted in the month of the day it happened, not the day it was entered.
      countedAt: dayMoment(input.day),
    });
    // Records are only ever appended, so the record's position is stable for the verdict that may come later.
    const position = pledge.fulfilments.findIndex((f) => f.id === record.id);
    // Only the attempt that wrote the record asks for its photos' check (its own moment is the record's).
    if (new Date(pledge.fulfilments[position].createdAt).getTime() !== now.getTime()) {
      return toSummary(pledge, today, true);
    }
    await checkImages(
      openid,
      SCENE.post,
      { collection: PLEDGES, id: pledge._id, field: `fulfilments.${position}.photos` },
      record.photos,
    );
    return toSummary(pledge, today, true);
  },
});

/** 标记完成: the owner says the target is met, once at least one fulfilment is recorded. */
export const complete = defineAction({
  input: pledgeIdInputSchema,
  access: roles(['member'], pledgeScope),
  async handler(input, { openid, now }): Promise<PledgeSummary> {
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      ownerOnly: true,
      event: (p) => ({ type: 'complete', fulfilments: p.fulfilments.length }),
      changes: () => ({ completedAt: now }),
      counters: () => ({ deltas: { 'pledge.completed': 1 }, distinct: {} }),
    });
    return toSummary(pledge, dayOf(now), true);
  },
});
