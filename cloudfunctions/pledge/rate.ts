import { RATABLE_PLEDGE_STATES, pledgeRateInputSchema, type PledgeRatingCounts } from '@honglin/types/pledge';
import { anyone, matchingGrants } from '../common/access';
import { inTransaction, txGet } from '../common/db';
import { conflict, forbidden } from '../common/errors';
import { refusalError } from '../common/moves';
import { defineAction } from '../common/runtime';
import { PLEDGES, PLEDGE_RATINGS, isResidentOf, pledgeCaller, type PledgeDoc, type RatingDoc } from './store';

/**
 * 群众评: a resident of the pledge's village says whether a completed pledge was kept, once. Only the counts
 * are ever shown; the vote's key holds the voter so a second vote finds the first inside the transaction.
 * Not a state change, so no timeline entry (which would name the voter).
 */
export const rate = defineAction({
  input: pledgeRateInputSchema,
  access: anyone,
  async handler(input, { openid, caller, now }): Promise<PledgeRatingCounts> {
    const who = pledgeCaller(openid, caller);
    return inTransaction(async (tx) => {
      const pledge = await txGet<PledgeDoc>(tx, PLEDGES, input.id);
      if (!pledge) throw refusalError('pledge.missing');
      if (pledge.ownerId === openid) throw forbidden('不能评价自己的承诺');
      // The branch's secretaries appraise it (评诺); 群众评 is the residents' own say.
      if (matchingGrants(who.roles, ['branch_secretary'], pledge).length > 0) {
        throw forbidden('支部书记已参与评议，不再参加群众评价');
      }
      if (!isResidentOf(who, pledge.villageId)) throw forbidden('只有本村群众可以评价这条承诺');
      if (!RATABLE_PLEDGE_STATES.includes(pledge.state)) throw refusalError('pledge.cannotRate');
      const voteId = `${pledge._id}_${openid}`;
      if (await txGet<RatingDoc>(tx, PLEDGE_RATINGS, voteId)) throw conflict('您已经评价过这条承诺');
      await tx
        .collection(PLEDGE_RATINGS)
        .doc(voteId)
        .set({ data: { pledgeId: pledge._id, verdict: input.verdict, at: now } });
      const ratings = { ...pledge.ratings, [input.verdict]: pledge.ratings[input.verdict] + 1 };
      await tx.collection(PLEDGES).doc(pledge._id).update({ data: { ratings } });
      return ratings;
    });
  },
});
