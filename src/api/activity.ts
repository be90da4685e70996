import type {
  Activity,
  ActivityDetail,
  ActivityIdInput,
  AddAttendeeInput,
  CancelActivityInput,
  CheckinInput,
  CheckinResult,
  CheckinToken,
  MarkAbsentInput,
  MarkHeldInput,
  MonthSummary,
  MyAttendance,
  MyMonth,
  OpenCheckinInput,
  PlanActivityInput,
  RecordActivityInput,
  RosterMember,
  UpdateActivityInput,
} from '@honglin/types/activity';
import type { Page } from '@honglin/types/common';
import { callCloud } from './transport';

/** The `activity` cloud function (一月一课一片一实践), one typed call per action (docs/api/activity.md). */
export const activityApi = {
  plan: (input: PlanActivityInput) => callCloud<Activity>('activity', 'plan', input),
  update: (input: UpdateActivityInput) => callCloud<Activity>('activity', 'update', input),
  cancel: (input: CancelActivityInput) => callCloud<Activity>('activity', 'cancel', input),
  get: (input: ActivityIdInput) => callCloud<ActivityDetail>('activity', 'get', input),
  branchList: (input: { branchId: string; cursor?: string; size?: number }) =>
    callCloud<Page<Activity>>('activity', 'list', { view: 'branch', ...input }),
  unitList: (input: { unitId: string; cursor?: string; size?: number }) =>
    callCloud<Page<Activity>>('activity', 'list', { view: 'unit', ...input }),
  myHistory: (input: { cursor?: string; size?: number } = {}) =>
    callCloud<Page<MyAttendance>>('activity', 'list', { view: 'mine', ...input }),
  roster: (input: ActivityIdInput) => callCloud<RosterMember[]>('activity', 'list', { view: 'roster', ...input }),
  openCheckin: (input: OpenCheckinInput) => callCloud<Activity>('activity', 'openCheckin', input),
  markHeld: (input: MarkHeldInput) => callCloud<Activity>('activity', 'markHeld', input),
  checkinToken: (input: ActivityIdInput) => callCloud<CheckinToken>('activity', 'checkinToken', input),
  checkin: (input: CheckinInput) => callCloud<CheckinResult>('activity', 'checkin', input),
  addAttendee: (input: AddAttendeeInput) => callCloud<ActivityDetail>('activity', 'addAttendee', input),
  markAbsent: (input: MarkAbsentInput) => callCloud<ActivityDetail>('activity', 'markAbsent', input),
  record: (input: RecordActivityInput) => callCloud<Activity>('activity', 'record', input),
  branchMonth: (input: { branchId: string; month: string }) =>
    callCloud<MonthSummary>('activity', 'month', { view: 'branch', ...input }),
  unitMonth: (input: { unitId: string; month: string }) =>
    callCloud<MonthSummary>('activity', 'month', { view: 'unit', ...input }),
  myMonth: (input: { month: string }) => callCloud<MyMonth>('activity', 'month', { view: 'mine', ...input }),
};
