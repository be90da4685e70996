import type { Page } from '../common';
import type {
  CommentResult,
  RequestDetail,
  RequestSummary,
  RequestView,
  SimilarRequest,
  SubmitResult,
  assignRequestInputSchema,
  commentRequestInputSchema,
  linkableRequestsInputSchema,
  listRequestsInputSchema,
  rateRequestInputSchema,
  reasonInputSchema,
  reportRequestInputSchema,
  requestRefSchema,
  resolveRequestInputSchema,
  similarRequestsInputSchema,
  submitRequestInputSchema,
} from '../request';
import type { Call, CallNames, Trigger } from './action';

/** The `request` cloud function (民生诉求, 接诉即办): docs/api/request.md. */
export interface RequestContract {
  /** A resident raises a request for their own neighbourhood. */
  submit: Call<typeof submitRequestInputSchema, SubmitResult>;
  /** A head or an admin records a request on a resident's behalf. */
  report: Call<typeof reportRequestInputSchema, SubmitResult>;
  /** Open requests of the same category near a point in the caller's village, before raising a new one. */
  similar: Call<typeof similarRequestsInputSchema, SimilarRequest[]>;
  /** A neighbour follows an open request instead of raising the same one again. */
  follow: Call<typeof requestRefSchema, { following: true }>;
  /** One request as this caller may see it, with its ladder, history and what the caller may do now. */
  get: Call<typeof requestRefSchema, RequestDetail>;
  /** A page of requests: the caller's own, a unit's, or those assigned to the caller. */
  list: Call<typeof listRequestsInputSchema, Page<RequestSummary>>;
  /** Resolved requests the caller may see, to link a pledge or a practice to. */
  linkable: Call<typeof linkableRequestsInputSchema, Page<RequestSummary>>;
  /** The responsible head or an admin above accepts a submitted request (签收). */
  accept: Call<typeof requestRefSchema, RequestView>;
  /** The handler assigns a request to a party member, or passes it to a unit below (分派). */
  assign: Call<typeof assignRequestInputSchema, RequestView>;
  /** The handler passes a request one level up, with a reason (上报). */
  escalate: Call<typeof reasonInputSchema, RequestView>;
  /** The assignee or the handler hands a request back to whoever passed it, with a reason (退回). */
  handBack: Call<typeof reasonInputSchema, RequestView>;
  /** The handler records what was done, with photos (办结). */
  resolve: Call<typeof resolveRequestInputSchema, RequestView>;
  /** The resident rates a resolved request (评价); 不满意 sends it back to the handler. */
  rate: Call<typeof rateRequestInputSchema, RequestView>;
  /** Whoever may see a request leaves a comment on its history (留言). */
  comment: Call<typeof commentRequestInputSchema, CommentResult>;
  /** Escalates requests past their time limit and closes those resolved long enough ago. */
  sweep: Trigger<'timer'>;
}

export const REQUEST_CALLS = {
  submit: true,
  report: true,
  similar: true,
  follow: true,
  get: true,
  list: true,
  linkable: true,
  accept: true,
  assign: true,
  escalate: true,
  handBack: true,
  resolve: true,
  rate: true,
  comment: true,
} as const satisfies CallNames<RequestContract>;
