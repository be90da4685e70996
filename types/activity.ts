import * as z from 'zod';
import {
  cursorSchema,
  dateTimeWithin,
  freeText,
  idSchema,
  monthSchema,
  pageSizeSchema,
  photosSchema,
  requestIdSchema,
} from './common';
import { DATE_WINDOWS } from './time';

/**
 * 一月一课一片一实践: each month every branch holds one micro lesson (微党课), one film session (微视频)
 * and one practice (微实践). Attendance is recorded for real meetings only (DESIGN.md §5).
 */
export const ACTIVITY_KINDS = ['lesson', 'film', 'practice'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const activityKindSchema = z.enum(ACTIVITY_KINDS);
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  lesson: '微党课',
  film: '微视频',
  practice: '微实践',
};

/** planned → open (check-in open) → held (check-in closed) → recorded (summary written); or cancelled. */
export const ACTIVITY_STATUSES = ['planned', 'open', 'held', 'recorded', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: '已计划',
  open: '签到中',
  held: '已举行',
  recorded: '已记录',
  cancelled: '已取消',
};

/** How a person's presence was recorded: on site (scan or typed code), by the organiser, 请假, or 送学上门. */
export const ATTENDANCE_MODES = ['scan', 'code', 'manual', 'absent', 'delivered'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];
export const ATTENDANCE_MODE_LABELS: Record<AttendanceMode, string> = {
  scan: '扫码签到',
  code: '签到码签到',
  manual: '代为登记',
  absent: '请假',
  delivered: '送学上门',
};
/** Modes that count as having attended (participant-times). */
export const PRESENT_MODES: readonly AttendanceMode[] = ['scan', 'code', 'manual'];

const text = (max: number, label: string) => freeText().min(1, `请填写${label}`).max(max, `${label}不能超过${max}个字`);

/** Where it takes place: a registered place (红色教育基地, 田间地头 …) or a field/site described in words. */
export const activityPlaceInputSchema = z.union([
  z.object({ placeId: idSchema }),
  z.object({ description: text(60, '地点') }),
]);
export type ActivityPlaceInput = z.input<typeof activityPlaceInputSchema>;

export interface ActivityPlace {
  placeId?: string;
  name: string;
}

/** Who is expected: the branch's members, or the members of every branch in a village. */
export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('branch') }),
  z.object({ kind: z.literal('village'), unitId: idSchema }),
]);
export type Audience = z.output<typeof audienceSchema>;

/** What was done at a practice: enterprises visited, problems taken up (resident request ids). */
export const practiceOutcomeSchema = z.object({
  enterprises: z.array(text(40, '企业名称')).max(20).default([]),
  requestIds: z.array(idSchema).max(20).default([]),
});
export type PracticeOutcome = z.output<typeof practiceOutcomeSchema>;

const activityFields = {
  kind: activityKindSchema,
  title: text(40, '主题'),
  startAt: dateTimeWithin(DATE_WINDOWS.activity),
  place: activityPlaceInputSchema,
  speaker: freeText().max(20, '主讲人不能超过20个字').optional(),
  filmIds: z.array(idSchema).max(5, '最多选择5部影片').default([]),
  /** Local experts invited by name (土专家, 致富带头人). */
  experts: z.array(text(20, '专家姓名')).max(10, '最多邀请10位').default([]),
  audience: audienceSchema.default({ kind: 'branch' }),
};

export const planActivityInputSchema = z.object({
  requestId: requestIdSchema,
  branchId: idSchema,
  ...activityFields,
});
export type PlanActivityInput = z.input<typeof planActivityInputSchema>;

/** Changes to a planned (or open) activity; only the fields given change. Kind and branch stay. */
export const updateActivityInputSchema = z.object({
  id: idSchema,
  title: activityFields.title.optional(),
  startAt: activityFields.startAt.optional(),
  place: activityFields.place.optional(),
  speaker: activityFields.speaker,
  filmIds: z.array(idSchema).max(5, '最多选择5部影片').optional(),
  experts: z.array(text(20, '专家姓名')).max(10, '最多邀请10位').optional(),
  audience: audienceSchema.optional(),
});
export type UpdateActivityInput = z.input<typeof updateActivityInputSchema>;

export const cancelActivityInputSchema = z.object({ id: idSchema, reason: text(100, '取消原因') });
export type CancelActivityInput = z.input<typeof cancelActivityInputSchema>;

export const activityIdInputSchema = z.object({ id: idSchema });
export type ActivityIdInput = z.input<typeof activityIdInputSchema>;

/** markHeld (补录) enters a session of an earlier day as held; its attendance is then recorded by hand. */
export const markHeldInputSchema = activityIdInputSchema;
export type MarkHeldInput = z.input<typeof markHeldInputSchema>;

/** openCheckin opens check-in (planned → open) or closes it (open → held). */
export const openCheckinInputSchema = z.object({ id: idSchema, close: z.boolean().default(false) });
export type OpenCheckinInput = z.input<typeof openCheckinInputSchema>;

/** A member checks in with what the QR code holds (`token`) or the 6-digit code they typed. */
export const checkinInputSchema = z.union([
  z.object({ id: idSchema, token: z.string().regex(/^[A-Za-z0-9_-]{10}$/, '签到码无效，请重新扫码') }),
  z.object({ id: idSchema, code: z.string().regex(/^\d{6}$/, '请输入6位数字签到码') }),
]);
export type CheckinInput = z.input<typeof checkinInputSchema>;

/** The organiser records someone by hand: a registered person or a name (elderly members without phones). */
export const attendeeSchema = z.union([z.object({ openid: idSchema }), z.object({ name: text(20, '姓名') })]);
export type AttendeeInput = z.input<typeof attendeeSchema>;

export const addAttendeeInputSchema = z.object({
  id: idSchema,
  attendee: attendeeSchema,
  /** manual: was there; delivered: 送学上门, given the film/lesson to study later. */
  mode: z.enum(['manual', 'delivered']).default('manual'),
});
export type AddAttendeeInput = z.input<typeof addAttendeeInputSchema>;

export const markAbsentInputSchema = z.object({
  id: idSchema,
  attendee: attendeeSchema,
  reason: text(50, '请假原因'),
});
export type MarkAbsentInput = z.input<typeof markAbsentInputSchema>;

export const recordActivityInputSchema = z.object({
  id: idSchema,
  summary: text(1000, '活动小结'),
  photos: photosSchema,
  practice: practiceOutcomeSchema.optional(),
});
export type RecordActivityInput = z.input<typeof recordActivityInputSchema>;

/** Lists: a branch's activities (newest first), a unit's, or the caller's own attendance history. */
export const listActivitiesInputSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('branch'), branchId: idSchema, cursor: cursorSchema, size: pageSizeSchema }),
  z.object({ view: z.literal('unit'), unitId: idSchema, cursor: cursorSchema, size: pageSizeSchema }),
  z.object({ view: z.literal('mine'), cursor: cursorSchema, size: pageSizeSchema }),
  /** The expected members of an activity, for the organiser's attendee list. */
  z.object({ view: z.literal('roster'), id: idSchema }),
]);
export type ListActivitiesInput = z.input<typeof listActivitiesInputSchema>;

export const monthInputSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('branch'), branchId: idSchema, month: monthSchema }),
  z.object({ view: z.literal('unit'), unitId: idSchema, month: monthSchema }),
  z.object({ view: z.literal('mine'), month: monthSchema }),
]);

export const checkinTokenInputSchema = activityIdInputSchema;

/** An activity as clients see it (the check-in secret never leaves the server). */
export interface Activity {
  _id: string;
  branchId: string;
  branchName: string;
  unitPath: string[];
  month: string;
  kind: ActivityKind;
  title: string;
  startAt: string;
  place: ActivityPlace;
  speaker?: string;
  filmIds: string[];
  /** The films' titles as they were when chosen. */
  films: Array<{ _id: string; title: string }>;
  experts: string[];
  audience: Audience;
  status: ActivityStatus;
  cancelReason?: string;
  summary?: string;
  photos: string[];
  /** Of these photos, those still in WeChat's image check: named only to their uploader and the handlers (图片审核中); nobody else is shown them. */
  pendingPhotos?: string[];
  practice?: PracticeOutcome;
  /** Counted in the same transaction as each attendance record. */
  attendance: AttendanceCounts;
  /** Entered as held on this day, after it took place (补录): the trace beside startAt. */
  backfilledAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AttendanceCounts {
  present: number;
  absent: number;
  delivered: number;
}

export interface AttendanceRecord {
  _id: string;
  activityId: string;
  /** Absent for a person recorded by name only. */
  openid?: string;
  name: string;
  mode: AttendanceMode;
  reason?: string;
  at: string;
}

export interface ActivityDetail {
  activity: Activity;
  /** Organiser and admins: everyone recorded. A member: their own record, if any. */
  attendance: AttendanceRecord[];
  /** May the caller run the check-in and record it. */
  canManage: boolean;
}

export interface CheckinToken {
  /** Goes into the QR code (scene = `<activityId>:<token>`). */
  token: string;
  /** The same window's 6-digit code, for typing in H5. */
  code: string;
  /** The QR image (PNG, base64). */
  qrPng: string;
  /** When this window ends (the client refreshes then). */
  expiresAt: string;
}

export interface CheckinResult {
  activityId: string;
  title: string;
  mode: AttendanceMode;
}

export interface RosterMember {
  openid: string;
  name: string;
}

/** My history: one line per activity I was recorded at. */
export interface MyAttendance {
  _id: string;
  activityId: string;
  kind: ActivityKind;
  title: string;
  startAt: string;
  placeName: string;
  mode: AttendanceMode;
}

export interface MonthSlot {
  kind: ActivityKind;
  /** The branch's activities of that kind this month (usually one). */
  activities: Array<Pick<Activity, '_id' | 'title' | 'startAt' | 'place' | 'status' | 'attendance'>>;
  held: boolean;
}

export interface BranchMonth {
  branchId: string;
  branchName: string;
  slots: MonthSlot[];
  participants: number;
}

/** Per branch and month, or aggregated for a village or the town. */
export interface MonthSummary {
  month: string;
  branches: BranchMonth[];
  totals: { lessonHeld: number; filmHeld: number; practiceHeld: number; participants: number };
}

export interface MyMonthItem {
  _id: string;
  kind: ActivityKind;
  title: string;
  startAt: string;
  place: ActivityPlace;
  status: ActivityStatus;
  /** My record for it, if any (attended, 请假, 送学上门). */
  myMode?: AttendanceMode;
}

export interface MyMonth {
  month: string;
  items: MyMonthItem[];
}

/** What the check-in mini-program code holds: `<activityId>:<token>` (a scene is at most 32 characters). */
export function sceneOf(activityId: string, token: string): string {
  return `${activityId}:${token}`;
}

export function parseScene(scene: string): { id: string; token: string } | null {
  const match = /^([A-Za-z0-9_-]{1,21}):([A-Za-z0-9_-]{10})$/.exec(scene);
  return match ? { id: match[1], token: match[2] } : null;
}
