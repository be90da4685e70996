import type {
  PledgeAppraiseInput,
  PledgeCreateInput,
  PledgeDetail,
  PledgeFulfilmentInput,
  PledgeIdInput,
  PledgeListInput,
  PledgePage,
  PledgeRateInput,
  PledgeRatingCounts,
  PledgeReviewInput,
  PledgeSummary,
  PledgeUpdateInput,
} from '@honglin/types/pledge';
import { callCloud } from './transport';

/** The `pledge` cloud function (承诺践诺), one typed call per action (docs/api/pledge.md). */
export const pledgeApi = {
  create: (input: PledgeCreateInput) => callCloud<PledgeSummary>('pledge', 'create', input),
  update: (input: PledgeUpdateInput) => callCloud<PledgeSummary>('pledge', 'update', input),
  submit: (input: PledgeIdInput) => callCloud<PledgeSummary>('pledge', 'submit', input),
  withdraw: (input: PledgeIdInput) => callCloud<PledgeSummary>('pledge', 'withdraw', input),
  review: (input: PledgeReviewInput) => callCloud<PledgeSummary>('pledge', 'review', input),
  addFulfilment: (input: PledgeFulfilmentInput) => callCloud<PledgeSummary>('pledge', 'addFulfilment', input),
  complete: (input: PledgeIdInput) => callCloud<PledgeSummary>('pledge', 'complete', input),
  appraise: (input: PledgeAppraiseInput) => callCloud<PledgeSummary>('pledge', 'appraise', input),
  rate: (input: PledgeRateInput) => callCloud<PledgeRatingCounts>('pledge', 'rate', input),
  get: (input: PledgeIdInput) => callCloud<PledgeDetail>('pledge', 'get', input),
  list: (input: PledgeListInput) => callCloud<PledgePage>('pledge', 'list', input),
};
