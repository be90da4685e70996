import { pledgeAppraiseInputSchema, pledgeReviewInputSchema, type PledgeSummary } from '@honglin/types/pledge';
import { dayOf } from '@honglin/types/time';
import { roles } from '../common/access';
import { checkText, SCENE } from '../common/content';
import { defineAction } from '../common/runtime';
import { movePledge } from './move';
import { noticeAppraised, noticeReviewed } from './notices';
import { pledgeScope, toSummary } from './store';

/** 审诺: the secretary of the pledge's branch approves it (亮诺, onto the wall) or returns it with a reason. */
export const review = defineAction({
  input: pledgeReviewInputSchema,
  access: roles(['branch_secretary'], pledgeScope),
  async handler(input, { openid, now }): Promise<PledgeSummary> {
    const reason = input.decision === 'return' ? input.reason : undefined;
    await checkText(openid, SCENE.comment, [reason]);
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      event: () => ({ type: input.decision }),
      note: reason,
      changes: () => (reason ? { returnReason: reason } : { approvedAt: now, returnReason: null }),
      counters: () => (reason ? null : { deltas: { 'pledge.approved': 1 }, distinct: {} }),
    });
    await noticeReviewed(pledge);
    return toSummary(pledge, dayOf(now), true);
  },
});

/** 评诺: the secretary grades a completed pledge and says why. */
export const appraise = defineAction({
  input: pledgeAppraiseInputSchema,
  access: roles(['branch_secretary'], pledgeScope),
  async handler(input, { openid, now }): Promise<PledgeSummary> {
    await checkText(openid, SCENE.comment, [input.comment]);
    const pledge = await movePledge({
      id: input.id,
      actor: openid,
      now,
      event: () => ({ type: 'appraise' }),
      note: input.comment,
      changes: () => ({
        appraisal: { grade: input.grade, comment: input.comment, by: openid, at: now },
        appraisedAt: now,
      }),
      counters: () => ({ deltas: { 'pledge.appraised': 1 }, distinct: {} }),
    });
    await noticeAppraised(pledge);
    return toSummary(pledge, dayOf(now), true);
  },
});
