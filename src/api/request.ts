import type { Page } from '@honglin/types/common';
import type {
  AssignRequestInput,
  CommentRequestInput,
  CommentResult,
  EscalateRequestInput,
  HandBackRequestInput,
  LinkableRequestsInput,
  ListRequestsInput,
  RateRequestInput,
  ReportRequestInput,
  RequestDetail,
  RequestRef,
  RequestSummary,
  RequestView,
  ResolveRequestInput,
  SimilarRequest,
  SimilarRequestsInput,
  SubmitRequestInput,
  SubmitResult,
} from '@honglin/types/request';
import { callCloud } from './transport';

/** The `request` cloud function (民生诉求), one typed call per action (docs/api/request.md). */
export const requestApi = {
  submit: (input: SubmitRequestInput) => callCloud<SubmitResult>('request', 'submit', input),
  report: (input: ReportRequestInput) => callCloud<SubmitResult>('request', 'report', input),
  similar: (input: SimilarRequestsInput) => callCloud<SimilarRequest[]>('request', 'similar', input),
  follow: (input: RequestRef) => callCloud<{ following: true }>('request', 'follow', input),
  get: (input: RequestRef) => callCloud<RequestDetail>('request', 'get', input),
  list: (input: ListRequestsInput) => callCloud<Page<RequestSummary>>('request', 'list', input),
  linkable: (input: LinkableRequestsInput) => callCloud<Page<RequestSummary>>('request', 'linkable', input),
  accept: (input: RequestRef) => callCloud<RequestView>('request', 'accept', input),
  assign: (input: AssignRequestInput) => callCloud<RequestView>('request', 'assign', input),
  escalate: (input: EscalateRequestInput) => callCloud<RequestView>('request', 'escalate', input),
  handBack: (input: HandBackRequestInput) => callCloud<RequestView>('request', 'handBack', input),
  resolve: (input: ResolveRequestInput) => callCloud<RequestView>('request', 'resolve', input),
  rate: (input: RateRequestInput) => callCloud<RequestView>('request', 'rate', input),
  comment: (input: CommentRequestInput) => callCloud<CommentResult>('request', 'comment', input),
};
