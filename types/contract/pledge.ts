import type {
  PledgeDetail,
  PledgePage,
  PledgeRatingCounts,
  PledgeSummary,
  pledgeAppraiseInputSchema,
  pledgeCreateInputSchema,
  pledgeFulfilmentInputSchema,
  pledgeIdInputSchema,
  pledgeListInputSchema,
  pledgeRateInputSchema,
  pledgeReviewInputSchema,
  pledgeUpdateInputSchema,
} from '../pledge';
import type { Call, CallNames } from './action';

/** The `pledge` cloud function (承诺践诺): docs/api/pledge.md. */
export interface PledgeContract {
  /** A member writes a pledge in one of their branches, as a draft or submitted at once. */
  create: Call<typeof pledgeCreateInputSchema, PledgeSummary>;
  /** The owner edits a draft or returned pledge, and may resubmit it in the same step. */
  update: Call<typeof pledgeUpdateInputSchema, PledgeSummary>;
  /** The owner submits a draft or returned pledge to the branch for review. */
  submit: Call<typeof pledgeIdInputSchema, PledgeSummary>;
  /** The owner withdraws a pledge that is not yet completed. */
  withdraw: Call<typeof pledgeIdInputSchema, PledgeSummary>;
  /** The branch secretary approves a submitted pledge (亮诺) or returns it with a reason. */
  review: Call<typeof pledgeReviewInputSchema, PledgeSummary>;
  /** The owner records what was done (践诺), with photos. */
  addFulfilment: Call<typeof pledgeFulfilmentInputSchema, PledgeSummary>;
  /** The owner marks an approved pledge with at least one fulfilment completed. */
  complete: Call<typeof pledgeIdInputSchema, PledgeSummary>;
  /** The branch secretary appraises a completed pledge (评诺). */
  appraise: Call<typeof pledgeAppraiseInputSchema, PledgeSummary>;
  /** A resident of the pledge's village says 满意 or 不满意, once (群众评). */
  rate: Call<typeof pledgeRateInputSchema, PledgeRatingCounts>;
  /** One pledge with its fulfilments, its history for the branch, and what the caller may do now. */
  get: Call<typeof pledgeIdInputSchema, PledgeDetail>;
  /** A page of pledges: the caller's own, a branch's, or a village's wall. */
  list: Call<typeof pledgeListInputSchema, PledgePage>;
}

export const PLEDGE_CALLS = {
  create: true,
  update: true,
  submit: true,
  withdraw: true,
  review: true,
  addFulfilment: true,
  complete: true,
  appraise: true,
  rate: true,
  get: true,
  list: true,
} as const satisfies CallNames<PledgeContract>;
