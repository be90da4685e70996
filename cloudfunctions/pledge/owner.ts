import { pledgeIdInputSchema, pledgeUpdateInputSchema, type PledgeSummary } from '@honglin/types/pledge';
import { dayOf } from '@honglin/types/time';
import { roles } from '../common/access';
import { checkText, SCENE } from '../common/content';
import { pledgeFirstSubmitted } from '../common/domain/metrics/bumps';
import { defineAction } from '../common/runtime';
import { movePledge } from './move';
import { checkLinkableDoc, viewerOf } from '../common/requestAccess';
import { fulfilmentScope, pledgeScope, toSummary, type PledgeDoc } from './store';

/** The first submission counts as a pledge made (and its owner as a member who pledged); a resubmission does not. */
const firstSubmission = (p: PledgeDoc) => (p.submittedAt ? null : pledgeFirstSubmitted(p.ownerId));

/** The owner edits a draft or a returned pledge (and may resubmit it in the same step). */
export const update = defineAction({
  input: pledgeUpdateInputSchema,
  access: roles(['member'], fulfilmentScope),
  async handler(input, { openid, caller, now, resource }): Promise<PledgeSummary> {
    const today = dayOf(now);
    await checkText(openid, SCENE.post, [input.content, input.target]);
    if (input.linkedRequestId) checkLinkableDoc(resource.linkedRequests[0] ?? null, viewerOf(openid, caller));
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      ownerOnly: true,
      event: () => ({ type: input.submit ? 'submit' : 'edit' }),
      timelineEvent: input.submit ? 'resubmit' : 'edit',
      changes: (p) => ({
        category: input.category,
        content: input.content,
        target: input.target,
        dueDay: input.dueDay,
        linkedRequestId: input.linkedRequestId ?? null,
        ...(input.submit ? { submittedAt: p.submittedAt ?? now, returnReason: null } : {}),
      }),
      counters: input.submit ? firstSubmission : undefined,
    });
    return toSummary(pledge, today, true);
  },
});

/** 提交审核: the owner sends a draft (or a returned pledge, unchanged) to the branch. */
export const submit = defineAction({
  input: pledgeIdInputSchema,
  access: roles(['member'], pledgeScope),
  async handler(input, { openid, now }): Promise<PledgeSummary> {
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      ownerOnly: true,
      event: () => ({ type: 'submit' }),
      changes: (p) => ({ submittedAt: p.submittedAt ?? now, returnReason: null }),
      counters: firstSubmission,
    });
    return toSummary(pledge, dayOf(now), true);
  },
});

/** 撤回: the owner takes back a draft, a pledge under review or an approved one; its history stays. */
export const withdraw = defineAction({
  input: pledgeIdInputSchema,
  access: roles(['member'], pledgeScope),
  async handler(input, { openid, now }): Promise<PledgeSummary> {
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      ownerOnly: true,
      event: () => ({ type: 'withdraw' }),
      changes: () => ({ withdrawnAt: now }),
    });
    return toSummary(pledge, dayOf(now), true);
  },
});
