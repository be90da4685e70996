import { pledgeCreateInputSchema, type PledgeSummary } from '@honglin/types/pledge';
import { dayOf, monthOf } from '@honglin/types/time';
import { wallUnitOf } from '../common/domain/pledge';
import { roles } from '../common/access';
import { checkText, SCENE } from '../common/content';
import { bumpCounters } from '../common/counters';
import { pledgeFirstSubmitted } from '../common/domain/metrics/bumps';
import { inTransaction, txGet } from '../common/db';
import { conflict, forbidden } from '../common/errors';
import { defineAction } from '../common/runtime';
import { recordTimeline } from '../common/timeline';
import { checkLinkable, viewerOf } from '../common/requestAccess';
import { PLEDGES, pledgeCaller, toSummary, type PledgeDoc } from './store';

/** 承诺: a member writes a pledge in one of their branches, as a draft or submitted at once. */
export const create = defineAction({
  input: pledgeCreateInputSchema,
  access: roles(['member']),
  async handler(input, { openid, caller, grants, now }): Promise<PledgeSummary> {
    const grant = input.branchId ? grants.find((g) => g.branchId === input.branchId) : grants.find((g) => g.branchId);
    const branchId = grant?.branchId;
    if (!grant || !branchId) throw forbidden('您不是这个支部的党员，不能在这里作出承诺');
    const today = dayOf(now);
    await checkText(openid, SCENE.post, [input.content, input.target]);
    if (input.linkedRequestId) await checkLinkable(input.linkedRequestId, viewerOf(openid, caller));

    const pledge = await inTransaction(async (tx) => {
      const existing = await txGet<PledgeDoc>(tx, PLEDGES, input.requestId);
      if (existing) {
        if (existing.ownerId !== openid) throw conflict('请求编号重复，请重新提交');
        return existing;
      }
      const state = input.submit ? 'submitted' : 'draft';
      const doc: PledgeDoc = {
        _id: input.requestId,
        ownerId: openid,
        ownerName: pledgeCaller(openid, caller).nickname || '党员',
        branchId,
        unitPath: [...grant.unitPath],
        villageId: wallUnitOf(grant.unitPath),
        category: input.category,
        content: input.content,
        target: input.target,
        dueDay: input.dueDay,
        ...(input.linkedRequestId ? { linkedRequestId: input.linkedRequestId } : {}),
        state,
        month: monthOf(now),
        fulfilments: [],
        fulfilmentCount: 0,
        peopleHelped: 0,
        ratings: { satisfied: 0, unsatisfied: 0 },
        createdAt: now,
        updatedAt: now,
        submittedAt: input.submit ? now : null,
      };
      const { _id, ...fields } = doc;
      await tx.collection(PLEDGES).doc(_id).set({ data: fields });
      await recordTimeline(tx, {
        subject: 'pledge',
        subjectId: _id,
        event: input.submit ? 'submit' : 'create',
        from: null,
        to: state,
        actor: openid,
        at: now,
        unitPath: doc.unitPath,
      });
      if (input.submit) {
        const { deltas, distinct } = pledgeFirstSubmitted(openid);
        await bumpCounters(tx, doc.unitPath, now, deltas, distinct);
      }
      return doc;
    });
    return toSummary(pledge, today, true);
  },
});
