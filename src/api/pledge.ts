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
import type { Page } from '@honglin/types/common';
import type { RequestSummary } from '@honglin/types/request';
import type { Envelope } from '@honglin/types/envelope';
import { callCloud } from './transport';

/**
 * The resolved requests a member may link to a pledge or a fulfilment (the ones assigned to them and solved). Until
 * the server answers this question itself, it is read from the request list; swapping in that action is this line.
 */
async function linkableRequests(): Promise<Envelope<RequestSummary[]>> {
  const [resolved, closed] = await Promise.all(
    (['resolved', 'closed'] as const).map((state) =>
      callCloud<Page<RequestSummary>>('request', 'list', { scope: 'assigned', state, size: 50 }),
    ),
  );
  if (!resolved.ok) return resolved;
  if (!closed.ok) return closed;
  return { ok: true, data: [...resolved.data.items, ...closed.data.items] };
}

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
  linkableRequests,
};
