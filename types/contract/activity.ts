import type {
  Activity,
  ActivityDetail,
  CheckinResult,
  CheckinToken,
  MonthSummary,
  MyAttendance,
  MyMonth,
  RosterMember,
  activityIdInputSchema,
  addAttendeeInputSchema,
  cancelActivityInputSchema,
  checkinInputSchema,
  checkinTokenInputSchema,
  listActivitiesInputSchema,
  markAbsentInputSchema,
  markHeldInputSchema,
  monthInputSchema,
  openCheckinInputSchema,
  planActivityInputSchema,
  recordActivityInputSchema,
  updateActivityInputSchema,
} from '../activity';
import type { Page } from '../common';
import type { Call, CallNames, Trigger, ViewCall } from './action';

/** The `activity` cloud function (一月一课一片一实践): docs/api/activity.md. */
export interface ActivityContract {
  /** A branch's manager plans a session: a lesson, a film or a practice, with its place and audience. */
  plan: Call<typeof planActivityInputSchema, Activity>;
  /** A manager changes a planned session. */
  update: Call<typeof updateActivityInputSchema, Activity>;
  /** A manager cancels a planned or open session, with a reason. */
  cancel: Call<typeof cancelActivityInputSchema, Activity>;
  /** A branch's or a unit's sessions, my attendance history, or a session's expected members, by `view`. */
  list: ViewCall<
    typeof listActivitiesInputSchema,
    { branch: Page<Activity>; unit: Page<Activity>; mine: Page<MyAttendance>; roster: RosterMember[] }
  >;
  /** One session with the attendance the caller may see. */
  get: Call<typeof activityIdInputSchema, ActivityDetail>;
  /** A manager opens check-in on the session's day, or closes it (the session is held). */
  openCheckin: Call<typeof openCheckinInputSchema, Activity>;
  /** A manager records a past session that was held without check-in in the app. */
  markHeld: Call<typeof markHeldInputSchema, Activity>;
  /** A manager gets the check-in QR code and six-digit code of an open session. */
  checkinToken: Call<typeof checkinTokenInputSchema, CheckinToken>;
  /** An expected member checks in by the scanned code or the six digits. */
  checkin: Call<typeof checkinInputSchema, CheckinResult>;
  /** A manager registers someone present on their behalf, or as taught at home (送学上门). */
  addAttendee: Call<typeof addAttendeeInputSchema, ActivityDetail>;
  /** A manager records an expected member as absent, with the reason. */
  markAbsent: Call<typeof markAbsentInputSchema, ActivityDetail>;
  /** A manager writes a held session's summary and photos (and a practice's results). */
  record: Call<typeof recordActivityInputSchema, Activity>;
  /** A month's sessions and attendance for a branch or a unit, or my own month, by `view`. */
  month: ViewCall<typeof monthInputSchema, { branch: MonthSummary; unit: MonthSummary; mine: MyMonth }>;
  /** Tells the expected members of tomorrow's sessions (subscribe message). */
  remindTomorrow: Trigger<'timer'>;
}

export const ACTIVITY_CALLS = {
  plan: true,
  update: true,
  cancel: true,
  list: true,
  get: true,
  openCheckin: true,
  markHeld: true,
  checkinToken: true,
  checkin: true,
  addAttendee: true,
  markAbsent: true,
  record: true,
  month: true,
} as const satisfies CallNames<ActivityContract>;
