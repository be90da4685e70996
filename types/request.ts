import * as z from 'zod';
import {
  cursorSchema,
  freeText,
  idSchema,
  monthSchema,
  pageSizeSchema,
  phoneSchema,
  photosSchema,
  requestIdSchema,
} from './common';
import type { UnitKind } from './org';

/** 民生诉求 categories. Enterprise problems and disputes carry what makes the year's figures exact queries. */
export const REQUEST_CATEGORIES = ['consultation', 'help', 'suggestion', 'complaint', 'enterprise', 'dispute'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const requestCategorySchema = z.enum(REQUEST_CATEGORIES, { message: '请选择诉求类别' });

export const REQUEST_CATEGORY_LABELS: Record<RequestCategory, string> = {
  consultation: '咨询',
  help: '求助',
  suggestion: '建议',
  complaint: '投诉',
  enterprise: '营商服务',
  dispute: '矛盾纠纷',
};

/** submitted → accepted (签收) → in_progress → resolved → closed; 不满意 reopens to in_progress. */
export const REQUEST_STATES = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export const requestStateSchema = z.enum(REQUEST_STATES);
/** States in which someone still has to act. */
export const OPEN_REQUEST_STATES: readonly RequestState[] = ['submitted', 'accepted', 'in_progress'];

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  submitted: '待签收',
  accepted: '已签收',
  in_progress: '办理中',
  resolved: '已办结，待评价',
  closed: '已完成',
};

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** A GeoJSON point, [longitude, latitude]. */
export const pointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});
export type GeoPoint = z.infer<typeof pointSchema>;

const textSchema = freeText().min(2, '请用几句话说说遇到了什么问题').max(1000, '内容最多1000字');
const reasonSchema = freeText().min(2, '请写明原因').max(300, '原因最多300字');
const personNameSchema = freeText().min(1, '请填写姓名').max(20, '姓名最多20字');

export const enterpriseSchema = z.object({
  name: freeText().min(2, '请填写企业名称').max(50, '企业名称最多50字'),
  placeId: idSchema.optional(),
});
export const partiesSchema = z
  .array(freeText().min(1).max(20, '当事人姓名最多20字'))
  .min(2, '矛盾纠纷请填写双方当事人')
  .max(10, '当事人最多10位');

/** What a problem is, whoever reports it. Enterprise and dispute requests must name the enterprise / parties. */
const problemShape = {
  category: requestCategorySchema,
  urgent: z.boolean().default(false),
  text: textSchema,
  point: pointSchema.optional(),
  photos: photosSchema,
  enterprise: enterpriseSchema.optional(),
  parties: partiesSchema.optional(),
};

function categoryDetails(
  problem: { category: RequestCategory; enterprise?: unknown; parties?: unknown },
  ctx: z.RefinementCtx,
) {
  if (problem.category === 'enterprise' && !problem.enterprise) {
    ctx.addIssue({ code: 'custom', path: ['enterprise'], message: '营商服务请填写企业名称' });
  }
  if (problem.category === 'dispute' && !problem.parties) {
    ctx.addIssue({ code: 'custom', path: ['parties'], message: '矛盾纠纷请填写双方当事人' });
  }
}

/** request.submit — a villager's own request; idempotent by requestId. */
export const submitRequestInputSchema = z
  .object({
    requestId: requestIdSchema,
    ...problemShape,
    showName: z.boolean().default(false),
  })
  .superRefine(categoryDetails);
export type SubmitRequestInput = z.input<typeof submitRequestInputSchema>;

/** The resident a head reports for: kept private to the handlers. */
export const residentSchema = z.object({
  name: personNameSchema,
  phone: phoneSchema.optional(),
  /** The resident's account when they have one (they then follow and rate it themselves). */
  userId: idSchema.optional(),
});
export type Resident = z.infer<typeof residentSchema>;

/** request.report — a head reports a resident's problem; idempotent by requestId. */
export const reportRequestInputSchema = z
  .object({
    requestId: requestIdSchema,
    ...problemShape,
    /** The resident's neighbourhood (in the head's unit). */
    unitId: idSchema,
    resident: residentSchema,
  })
  .superRefine(categoryDetails);
export type ReportRequestInput = z.input<typeof reportRequestInputSchema>;

/** request.similar — open requests like this one, shown before submitting. */
export const similarRequestsInputSchema = z.object({
  category: requestCategorySchema,
  point: pointSchema.optional(),
});
export type SimilarRequestsInput = z.input<typeof similarRequestsInputSchema>;

export const requestRefSchema = z.object({ id: idSchema });

/** States in which a request may be named as solved by a pledge or a fulfilment: resolved (rated or not). */
export const LINKABLE_REQUEST_STATES: readonly RequestState[] = ['resolved', 'closed'];

/** request.linkable — resolved requests the caller may see, for the link picker of a pledge or a fulfilment. */
export const linkableRequestsInputSchema = z.object({ cursor: cursorSchema, size: pageSizeSchema });
export type LinkableRequestsInput = z.input<typeof linkableRequestsInputSchema>;
export type RequestRef = z.input<typeof requestRefSchema>;

export const LIST_SCOPES = ['mine', 'unit', 'assigned'] as const;

export const listRequestsInputSchema = z.object({
  scope: z.enum(LIST_SCOPES).default('mine'),
  /** unit scope: the caller's unit to look from (default: the highest unit the caller handles). */
  unitId: idSchema.optional(),
  /** unit scope: narrow to one unit below. */
  within: idSchema.optional(),
  state: z.union([requestStateSchema, z.enum(['open', 'all'])]).default('open'),
  category: requestCategorySchema.optional(),
  /** The level where the request waits now. */
  level: z.enum(['town', 'village', 'block', 'group', 'neighbourhood']).optional(),
  overdue: z.boolean().optional(),
  month: monthSchema.optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListRequestsInput = z.input<typeof listRequestsInputSchema>;

/** 分派: to a party member (assigneeId), or 派给下级 down the request's own ladder (unitId). */
export const assignRequestInputSchema = z
  .object({ id: idSchema, assigneeId: idSchema.optional(), unitId: idSchema.optional() })
  .refine((i) => (i.assigneeId === undefined) !== (i.unitId === undefined), {
    message: '请选择要分派的党员或下级单位',
    path: ['assigneeId'],
  });
export type AssignRequestInput = z.input<typeof assignRequestInputSchema>;

export const reasonInputSchema = z.object({ id: idSchema, reason: reasonSchema });
export type EscalateRequestInput = z.input<typeof reasonInputSchema>;
export type HandBackRequestInput = z.input<typeof reasonInputSchema>;

export const resolveRequestInputSchema = z.object({
  id: idSchema,
  result: freeText().min(2, '请写明办理结果').max(1000, '办理结果最多1000字'),
  photos: photosSchema,
});
export type ResolveRequestInput = z.input<typeof resolveRequestInputSchema>;

export const rateRequestInputSchema = z.object({
  id: idSchema,
  rating: z.enum(RATINGS, { message: '请选择满意、基本满意或不满意' }),
  comment: freeText().max(300, '评价最多300字').optional(),
});
export type RateRequestInput = z.input<typeof rateRequestInputSchema>;

export const commentRequestInputSchema = z.object({
  id: idSchema,
  /** Makes the comment idempotent: a retried send adds it once. */
  requestId: requestIdSchema,
  text: freeText().min(1, '请填写内容').max(300, '留言最多300字'),
});
export type CommentRequestInput = z.input<typeof commentRequestInputSchema>;
/** request.comment's answer: the comment's own id (the same for every retry) and when it was made. */
export interface CommentResult {
  id: string;
  at: string;
}

/** One rung of the ladder a request climbs: the resident's neighbourhood up to the town. */
export interface LadderStep {
  unitId: string;
  kind: UnitKind;
  name: string;
}

export interface TimelineItem {
  event: string;
  from: RequestState | null;
  to: RequestState | null;
  /** Who did it, as the viewer may see it (e.g. 邻长 王建国, 居民). */
  actor: string;
  at: string;
  note?: string;
}

/** A request as one viewer may see it: private fields are masked unless the viewer handles it. */
export interface RequestView {
  _id: string;
  category: RequestCategory;
  urgent: boolean;
  text: string;
  photos: string[];
  /** Of these photos, those still in WeChat's image check: named only to their uploader and the handlers (图片审核中); nobody else is shown them. */
  pendingPhotos?: string[];
  point?: GeoPoint;
  enterprise?: { name: string; placeId?: string };
  parties?: string[];
  unitName: string;
  /** Who raised it: the name when shown, masked (张*) or 居民 otherwise. */
  raisedBy: string;
  reportedByHead: boolean;
  /** The resident's phone, masked (138****5678) unless the viewer handles it. */
  residentPhone?: string;
  state: RequestState;
  responsible: LadderStep;
  /** The resident's neighbourhood up to the town, root first (where it can be passed to). */
  ladder: LadderStep[];
  handlerName?: string;
  assigneeName?: string;
  acceptBy: string;
  resolveBy: string;
  overdue: boolean;
  result?: { text: string; photos: string[]; pendingPhotos?: string[] };
  /** onBehalf: recorded by an admin who asked a resident without the app (回访), not by the resident. */
  rating?: { value: Rating; comment?: string; onBehalf?: true };
  followerCount: number;
  createdAt: string;
  /** What the viewer may do now. */
  can: RequestPermissions;
}

export interface RequestPermissions {
  accept: boolean;
  assign: boolean;
  escalate: boolean;
  handBack: boolean;
  resolve: boolean;
  rate: boolean;
  follow: boolean;
  comment: boolean;
}

export interface RequestDetail extends RequestView {
  timeline: TimelineItem[];
}

/** request.similar — a request as a neighbour about to submit may see it: no names, point or photos. */
export interface SimilarRequest {
  _id: string;
  category: RequestCategory;
  /** The first 30 characters, phone numbers masked. */
  text: string;
  state: RequestState;
  createdAt: string;
}

/** A line of a list: enough to recognise it and see where it stands. */
export interface RequestSummary {
  _id: string;
  category: RequestCategory;
  urgent: boolean;
  text: string;
  unitName: string;
  state: RequestState;
  responsible: LadderStep;
  overdue: boolean;
  acceptBy: string;
  resolveBy: string;
  followerCount: number;
  createdAt: string;
}

export interface SubmitResult {
  id: string;
  state: RequestState;
  /** False when the same requestId had already created it (a retried send). */
  created: boolean;
}
