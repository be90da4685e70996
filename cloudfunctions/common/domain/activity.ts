import {
  PRESENT_MODES,
  type ActivityStatus,
  type AttendanceCounts,
  type AttendanceMode,
  type Audience,
} from '@honglin/types/activity';
import { isAdminGrantOver, type RoleGrant } from '@honglin/types/org';
import { DATE_WINDOWS, dayOf, outsideWindow } from '@honglin/types/time';
import { limitReached, tallyOne, type Tally, type WindowLimit } from './limits';
import { refuse, type Refusal, type Transition } from './transition';

/**
 * The themed-party-day activity (一月一课一片一实践), pure: no database, no SDK.
 * planned → open (check-in open) → held (check-in closed) → recorded; cancelled with a reason from planned/open.
 * Attendance events keep the state but are only allowed in some.
 */
export type ActivityEvent =
  | { type: 'update' }
  | { type: 'open' }
  | { type: 'close' }
  /** 补录: a session held on an earlier day without check-in in the app is entered as held afterwards. */
  | { type: 'markHeld' }
  | { type: 'record' }
  | { type: 'cancel' }
  /** A member checks in on site with the rotating code. */
  | { type: 'checkin' }
  /** The organiser records someone present by hand. */
  | { type: 'addAttendee' }
  /** 请假. */
  | { type: 'markAbsent' }
  /** 送学上门: the material given to someone who could not come. */
  | { type: 'deliver' };
export type ActivityEventType = ActivityEvent['type'];

export const ACTIVITY_EVENT_TYPES: readonly ActivityEventType[] = [
  'update',
  'open',
  'close',
  'markHeld',
  'record',
  'cancel',
  'checkin',
  'addAttendee',
  'markAbsent',
  'deliver',
];

const MOVES: Record<ActivityEventType, Partial<Record<ActivityStatus, ActivityStatus>>> = {
  update: { planned: 'planned', open: 'open' },
  open: { planned: 'open' },
  close: { open: 'held' },
  markHeld: { planned: 'held' },
  // A recorded summary may be corrected; the counts do not change.
  record: { held: 'recorded', recorded: 'recorded' },
  cancel: { planned: 'cancelled', open: 'cancelled' },
  checkin: { open: 'open' },
  addAttendee: { open: 'open', held: 'held', recorded: 'recorded' },
  markAbsent: { planned: 'planned', open: 'open', held: 'held', recorded: 'recorded' },
  deliver: { open: 'open', held: 'held', recorded: 'recorded' },
};

/** Why an event is refused in a state it is not allowed in (the words: domain/transition.ts). */
const REFUSED: Record<ActivityEventType, Refusal> = {
  update: 'activity.cannotUpdate',
  open: 'activity.cannotOpen',
  close: 'activity.cannotClose',
  markHeld: 'activity.cannotMarkHeld',
  record: 'activity.cannotRecord',
  cancel: 'activity.cannotCancel',
  checkin: 'activity.checkinClosed',
  addAttendee: 'activity.cannotAddAttendee',
  markAbsent: 'activity.cannotMarkAbsent',
  deliver: 'activity.cannotDeliver',
};

export function transition(state: ActivityStatus, event: ActivityEvent): Transition<ActivityStatus> {
  const to = MOVES[event.type][state];
  return to ? { ok: true, to } : refuse(REFUSED[event.type]);
}

export function isPresent(mode: AttendanceMode): boolean {
  return PRESENT_MODES.includes(mode);
}

export type AttendanceChange = { ok: true; delta: AttendanceCounts } | { ok: false; reason: string };

const NO_CHANGE: AttendanceCounts = { present: 0, absent: 0, delivered: 0 };

function bucket(mode: AttendanceMode): keyof AttendanceCounts {
  return isPresent(mode) ? 'present' : mode === 'absent' ? 'absent' : 'delivered';
}

/**
 * A person's record for one activity, from what it was (null: none yet) to `next`, and how the activity's
 * counts move. Someone on leave may still come or be given the material; presence is final.
 */
export function attendanceChange(current: AttendanceMode | null, next: AttendanceMode): AttendanceChange {
  if (current !== null) {
    if (isPresent(current)) return { ok: false, reason: '已经签到过了，不用重复登记' };
    if (current === 'delivered') return { ok: false, reason: '已经登记为送学上门' };
    if (next === 'absent') return { ok: false, reason: '已经登记过请假' };
  }
  const delta = { ...NO_CHANGE, [bucket(next)]: 1 };
  if (current !== null) delta[bucket(current)] -= 1;
  return { ok: true, delta };
}

export function addCounts(a: AttendanceCounts, b: AttendanceCounts): AttendanceCounts {
  return { present: a.present + b.present, absent: a.absent + b.absent, delivered: a.delivered + b.delivered };
}

/** The status in which attendance recorded now counts on the dashboard at once. */
export function countsOnDashboard(status: ActivityStatus): boolean {
  return status === 'held' || status === 'recorded';
}

/** Is the person (by their grants) among those expected at the activity? */
export function isExpected(grants: readonly RoleGrant[], activity: { branchId: string; audience: Audience }): boolean {
  return grants.some(
    (g) =>
      g.role === 'member' &&
      (activity.audience.kind === 'branch'
        ? g.branchId === activity.branchId
        : g.branchId === activity.branchId || g.unitPath.includes(activity.audience.unitId)),
  );
}

/** May the grants run the activity (check-in, attendance, record)? Its branch's secretary, or an admin above it. */
export function canManage(
  grants: readonly RoleGrant[],
  activity: { branchId: string; unitPath: readonly string[] },
): boolean {
  return grants.some((g) =>
    g.role === 'branch_secretary' ? g.branchId === activity.branchId : isAdminGrantOver(g, activity.unitPath),
  );
}

/** The record id of one person at one activity: one record per person, so nobody is counted twice. */
export function attendanceId(activityId: string, person: { openid: string } | { name: string }): string {
  return 'openid' in person ? `${activityId}_${person.openid}` : `${activityId}_name:${person.name}`;
}

/**
 * Check-in (opening it, and a member's own) happens on the session's own day in the town's zone: a code shown
 * on another day would record people at a meeting that is not taking place.
 */
export function checkinDayRefusal(startAt: Date, now: Date, who: 'organiser' | 'member'): string | null {
  if (dayOf(startAt) === dayOf(now)) return null;
  const day = shanghaiDayLabel(startAt);
  if (who === 'member') return `只能在活动当天（${day}）签到`;
  return dayOf(startAt) < dayOf(now)
    ? `活动日期（${day}）已过，不能再开始签到；请用“补录”登记当天的参加情况`
    : `只能在活动当天（${day}）开始签到；如果改了日期，请先修改活动时间`;
}

/** Has the session's day passed (in the town's zone)? Only such a session is entered afterwards (补录). */
export function dayHasPassed(startAt: Date, now: Date): boolean {
  return dayOf(startAt) < dayOf(now);
}

/**
 * Why attendance of the session can no longer be recorded, or null: its day lies before the back-dating window
 * every dated record shares (DATE_WINDOWS.activity).
 */
export function beyondBackdating(startAt: Date, now: Date): string | null {
  return outsideWindow(dayOf(startAt), DATE_WINDOWS.activity, now);
}

function shanghaiDayLabel(at: Date): string {
  const [, m, d] = dayOf(at).split('-').map(Number);
  return `${m}月${d}日`;
}

/** Wrong check-in codes a member may present for one activity within the window before being refused. */
export const MAX_WRONG_CODES = 5;
export const WRONG_CODE_WINDOW_MS = 10 * 60_000;
const CHECKIN_GUESSES: WindowLimit = { max: MAX_WRONG_CODES, windowMs: WRONG_CODE_WINDOW_MS };

/** A member's wrong codes for one activity: how many since the first of the current window. */
export type WrongCodes = Tally;

/** Has the member used up their wrong codes? Then even a right code is refused until the window passes. */
export function guessingLocked(misses: WrongCodes | undefined, now: Date): boolean {
  return limitReached(misses, CHECKIN_GUESSES, now);
}

/** The tally after one more wrong code: counted in the current window, or the first of a new one. */
export function addWrongCode(misses: WrongCodes | undefined, now: Date): WrongCodes {
  return tallyOne(misses, CHECKIN_GUESSES, now);
}
