import * as z from 'zod';
import {
  cursorSchema,
  dayWithin,
  freeText,
  idSchema,
  monthSchema,
  pageSizeSchema,
  photosSchema,
  requestIdSchema,
  type Page,
} from './common';
import { DATE_WINDOWS } from './time';

/** 承诺践诺: a party member's concrete, checkable pledge, reviewed and appraised by the branch (DESIGN.md §4). */

export const PLEDGE_CATEGORIES = ['residents', 'post', 'business', 'volunteer', 'other'] as const;
export type PledgeCategory = (typeof PLEDGE_CATEGORIES)[number];
export const PLEDGE_CATEGORY_LABELS: Record<PledgeCategory, string> = {
  residents: '为民办实事',
  post: '岗位建功',
  business: '营商服务',
  volunteer: '志愿服务',
  other: '其他',
};

export const PLEDGE_STATES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'completed',
  'appraised',
  'withdrawn',
] as const;
export type PledgeState = (typeof PLEDGE_STATES)[number];
export const PLEDGE_STATE_LABELS: Record<PledgeState, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已亮诺',
  completed: '已完成',
  appraised: '已评议',
  withdrawn: '已撤回',
};

/** States in which a pledge is still owed: past its due day it is overdue (a flag, never a state). */
export const OPEN_PLEDGE_STATES: readonly PledgeState[] = ['draft', 'submitted', 'returned', 'approved'];
/** States shown on the village's public wall (亮诺 onwards). */
export const WALL_PLEDGE_STATES: readonly PledgeState[] = ['approved', 'completed', 'appraised'];
/** States in which residents may say whether the pledge was kept (群众评). */
export const RATABLE_PLEDGE_STATES: readonly PledgeState[] = ['completed', 'appraised'];

/** What the member is asked to do next, by state (the 承诺 tab shows it under each pledge). */
export const PLEDGE_NEXT_STEP: Record<PledgeState, string> = {
  draft: '请检查内容后提交支部审核',
  submitted: '等待支部书记审核',
  returned: '请按退回意见修改后重新提交',
  approved: '请记录践诺情况，达到目标后标记完成',
  completed: '等待支部评议',
  appraised: '已评议，感谢您的付出',
  withdrawn: '已撤回，无需操作',
};

/** The history's events (timeline `event`), as the detail page names them. */
export const PLEDGE_TIMELINE_LABELS: Record<string, string> = {
  create: '写下承诺（草稿）',
  submit: '提交支部审核',
  edit: '修改承诺',
  resubmit: '修改后重新提交',
  approve: '审核通过，亮诺',
  return: '退回修改',
  withdraw: '撤回承诺',
  fulfil: '记录践诺',
  complete: '标记完成',
  appraise: '支部评议',
};

export const APPRAISAL_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];
export const APPRAISAL_GRADE_LABELS: Record<AppraisalGrade, string> = {
  excellent: '优秀',
  good: '良好',
  fair: '一般',
  poor: '较差',
};

export const RATING_VERDICTS = ['satisfied', 'unsatisfied'] as const;
export type RatingVerdict = (typeof RATING_VERDICTS)[number];
export const RATING_VERDICT_LABELS: Record<RatingVerdict, string> = {
  satisfied: '满意',
  unsatisfied: '不满意',
};

/**
 * A member whose pledge is completed may still record help given on it for this many days after completing it
 * (until the branch appraises it); later help goes on a new pledge.
 */
export const FULFIL_AFTER_COMPLETION_DAYS = 30;

/** Most fulfilment records one pledge keeps (they live in the pledge document). */
export const MAX_FULFILMENTS = 50;

const text = (label: string, max: number) => freeText().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);

const pledgeFields = {
  category: z.enum(PLEDGE_CATEGORIES, { message: '请选择承诺类别' }),
  content: text('承诺内容', 500),
  target: text('完成目标', 200),
  dueDay: dayWithin(DATE_WINDOWS.pledgeDue),
  /** The resident request (民生诉求) this pledge answers, if any. */
  linkedRequestId: idSchema.optional(),
};

/** pledge.create — a new pledge as a draft, or submitted at once with `submit: true`. Idempotent by requestId. */
export const pledgeCreateInputSchema = z.object({
  requestId: requestIdSchema,
  /** Which of the member's branches (default: the first member grant's branch). */
  branchId: idSchema.optional(),
  ...pledgeFields,
  submit: z.boolean().default(false),
});
export type PledgeCreateInput = z.input<typeof pledgeCreateInputSchema>;

/** pledge.update — the owner edits a draft or returned pledge; `submit: true` resubmits it in the same step. */
export const pledgeUpdateInputSchema = z.object({
  id: idSchema,
  ...pledgeFields,
  submit: z.boolean().default(false),
});
export type PledgeUpdateInput = z.input<typeof pledgeUpdateInputSchema>;

export const pledgeIdInputSchema = z.object({ id: idSchema });
export type PledgeIdInput = z.input<typeof pledgeIdInputSchema>;

/** pledge.review — the branch secretary approves (亮诺) or returns with a reason. */
export const pledgeReviewInputSchema = z.discriminatedUnion('decision', [
  z.object({ id: idSchema, decision: z.literal('approve') }),
  z.object({ id: idSchema, decision: z.literal('return'), reason: text('退回原因', 200) }),
]);
export type PledgeReviewInput = z.input<typeof pledgeReviewInputSchema>;

/** pledge.addFulfilment — a dated record of what was done (践诺). Idempotent by requestId. */
export const pledgeFulfilmentInputSchema = z.object({
  id: idSchema,
  requestId: requestIdSchema,
  day: dayWithin(DATE_WINDOWS.fulfilment),
  text: text('践诺情况', 500),
  photos: photosSchema,
  peopleHelped: z.number().int('人数应为整数').min(0, '人数不能为负').max(10000).default(0),
  linkedRequestId: idSchema.optional(),
});
export type PledgeFulfilmentInput = z.input<typeof pledgeFulfilmentInputSchema>;

/** pledge.appraise — 评诺 by the branch secretary. */
export const pledgeAppraiseInputSchema = z.object({
  id: idSchema,
  grade: z.enum(APPRAISAL_GRADES, { message: '请选择评议等次' }),
  comment: text('评语', 300),
});
export type PledgeAppraiseInput = z.input<typeof pledgeAppraiseInputSchema>;

/** pledge.rate — 群众评: a resident of the pledge's village, once. */
export const pledgeRateInputSchema = z.object({
  id: idSchema,
  verdict: z.enum(RATING_VERDICTS, { message: '请选择满意或不满意' }),
});
export type PledgeRateInput = z.input<typeof pledgeRateInputSchema>;

const listPage = { cursor: cursorSchema, size: pageSizeSchema };

/** pledge.list — mine (the caller's own), branch (secretary/admin), wall (a village's public pledges). */
export const pledgeListInputSchema = z.discriminatedUnion('scope', [
  z.object({
    scope: z.literal('mine'),
    state: z.enum(PLEDGE_STATES).optional(),
    /** The month the pledge was made (Asia/Shanghai). */
    month: monthSchema.optional(),
    category: z.enum(PLEDGE_CATEGORIES).optional(),
    ...listPage,
  }),
  z.object({
    scope: z.literal('branch'),
    branchId: idSchema,
    state: z.enum(PLEDGE_STATES).optional(),
    ownerId: idSchema.optional(),
    overdue: z.boolean().optional(),
    ...listPage,
  }),
  z.object({
    scope: z.literal('wall'),
    /** The village whose wall; default the caller's home village (or their first member branch's). */
    villageId: idSchema.optional(),
    ...listPage,
  }),
]);
export type PledgeListInput = z.input<typeof pledgeListInputSchema>;

export interface PledgeFulfilment {
  id: string;
  day: string;
  text: string;
  photos: string[];
  /** Of these photos, those still in WeChat's image check: named only to their uploader and the handlers (图片审核中); nobody else is shown them. */
  pendingPhotos?: string[];
  peopleHelped: number;
  linkedRequestId?: string;
  createdAt: string;
}

export interface PledgeAppraisal {
  grade: AppraisalGrade;
  comment: string;
  at: string;
}

export interface PledgeRatingCounts {
  satisfied: number;
  unsatisfied: number;
}

/** A pledge as every list shows it (the wall shows the same, without review notes). */
export interface PledgeSummary {
  id: string;
  /** The owner's OPENID: given to the owner and the branch only, never on the public wall. */
  ownerId?: string;
  ownerName: string;
  branchId: string;
  villageId: string;
  category: PledgeCategory;
  content: string;
  target: string;
  dueDay: string;
  linkedRequestId?: string;
  state: PledgeState;
  /** Due day passed and not completed, appraised or withdrawn. */
  overdue: boolean;
  fulfilmentCount: number;
  peopleHelped: number;
  ratings: PledgeRatingCounts;
  /** The wall only: the caller's own 满意/不满意 once given, and whether they may still give one (群众评). */
  myRating?: RatingVerdict;
  canRate?: boolean;
  appraisal?: PledgeAppraisal;
  returnReason?: string;
  createdAt: string;
  approvedAt?: string;
}

export interface PledgeTimelineEntry {
  event: string;
  from: PledgeState | null;
  to: PledgeState | null;
  at: string;
  /** 'owner' | 'secretary' — who moved it, by part, never by name for outsiders. */
  by: 'owner' | 'branch';
  note?: string;
}

/** pledge.get — the pledge with its fulfilment records; its history for the owner and the branch. */
export interface PledgeDetail extends PledgeSummary {
  fulfilments: PledgeFulfilment[];
  /** Present for the owner and the branch's secretaries/admins. */
  timeline?: PledgeTimelineEntry[];
  /** What the caller may do now. */
  can: {
    edit: boolean;
    submit: boolean;
    withdraw: boolean;
    review: boolean;
    addFulfilment: boolean;
    complete: boolean;
    appraise: boolean;
    rate: boolean;
  };
  /** The caller's own 满意/不满意, when they have rated (only they see it). */
  myRating?: RatingVerdict;
}

export type PledgePage = Page<PledgeSummary>;
