import {
  addAttendeeInputSchema,
  markAbsentInputSchema,
  type ActivityDetail,
  type AttendanceMode,
  type AttendeeInput,
} from '@honglin/types/activity';
import type { RoleGrant } from '@honglin/types/org';
import { roles } from '../common/access';
import { checkText } from '../common/content';
import { bumpCounters } from '../common/counters';
import {
  addCounts,
  attendanceChange,
  attendanceId,
  canManage,
  countsOnDashboard,
  isExpected,
} from '../common/domain/activity';
import { byId, inTransaction, txGet, type Tx } from '../common/db';
import { conflict, forbidden, notFound } from '../common/errors';
import { defineAction } from '../common/runtime';
import {
  ACTIVITIES,
  ATTENDANCE,
  MANAGERS,
  allowed,
  countedAt,
  toActivity,
  toAttendance,
  txActivity,
  type AttendanceDoc,
} from './store';

interface Person {
  openid?: string;
  name: string;
  roles: RoleGrant[];
}

/** The person named by the organiser: a registered user (their name from their record) or a name alone. */
async function personOf(attendee: AttendeeInput): Promise<Person> {
  if ('name' in attendee) return { name: attendee.name.trim(), roles: [] };
  const user = await byId<{ _id: string; nickname?: string; roles?: RoleGrant[]; deletedAt?: Date | null }>(
    'users',
    attendee.openid,
  );
  if (!user || user.deletedAt) throw notFound('找不到这位党员，请刷新后重试');
  return { openid: user._id, name: user.nickname || '党员', roles: user.roles ?? [] };
}

interface Entry {
  id: string;
  person: Person;
  mode: AttendanceMode;
  reason?: string;
}

/**
 * Writes one person's record with the activity's counts in one transaction; people recorded present after the
 * session was held are added to the dashboard at once.
 */
async function recordEntry(
  tx: Tx,
  entry: Entry,
  actor: { openid: string; grants: RoleGrant[] },
  now: Date,
): Promise<ActivityDetail> {
  const activity = await txActivity(tx, entry.id);
  if (!canManage(actor.grants, activity)) throw forbidden('只有活动的组织者可以登记');
  allowed(activity.status, {
    type: entry.mode === 'absent' ? 'markAbsent' : entry.mode === 'delivered' ? 'deliver' : 'addAttendee',
  });
  if (entry.person.openid && !isExpected(entry.person.roles, activity)) {
    throw forbidden('这位不在这次活动的参加范围内');
  }
  const id = attendanceId(
    activity._id,
    entry.person.openid ? { openid: entry.person.openid } : { name: entry.person.name },
  );
  const existing = await txGet<AttendanceDoc>(tx, ATTENDANCE, id);
  const change = attendanceChange(existing?.mode ?? null, entry.mode);
  if (!change.ok) throw conflict(change.reason);
  const record: AttendanceDoc = {
    _id: id,
    activityId: activity._id,
    branchId: activity.branchId,
    unitPath: activity.unitPath,
    ...(entry.person.openid ? { openid: entry.person.openid } : {}),
    name: entry.person.name,
    mode: entry.mode,
    ...(entry.reason ? { reason: entry.reason } : {}),
    kind: activity.kind,
    title: activity.title,
    startAt: activity.startAt,
    placeName: activity.place.name,
    at: now,
    by: actor.openid,
  };
  const { _id, ...fields } = record;
  if (existing) await tx.collection(ATTENDANCE).doc(_id).set({ data: fields });
  else await tx.collection(ATTENDANCE).add({ data: { ...record } });
  const attendance = addCounts(activity.attendance, change.delta);
  await tx
    .collection(ACTIVITIES)
    .doc(activity._id)
    .update({ data: { attendance, updatedAt: now } });
  if (countsOnDashboard(activity.status) && change.delta.present !== 0) {
    await bumpCounters(tx, activity.unitPath, countedAt(activity), { 'activity.participants': change.delta.present });
  }
  return {
    activity: toActivity({ ...activity, attendance, updatedAt: now }),
    attendance: [toAttendance(record)],
    canManage: true,
  };
}

/** 代为登记 / 送学上门: the organiser records someone present by hand, or the material given to study later. */
export const addAttendee = defineAction({
  input: addAttendeeInputSchema,
  access: roles(MANAGERS),
  async handler(input, { openid, grants, now }): Promise<ActivityDetail> {
    if ('name' in input.attendee) await checkText(openid, 2, [input.attendee.name]);
    const person = await personOf(input.attendee);
    return inTransaction((tx) => recordEntry(tx, { id: input.id, person, mode: input.mode }, { openid, grants }, now));
  },
});

/** 请假: the organiser records someone's leave with its reason. */
export const markAbsent = defineAction({
  input: markAbsentInputSchema,
  access: roles(MANAGERS),
  async handler(input, { openid, grants, now }): Promise<ActivityDetail> {
    await checkText(openid, 2, [input.reason, 'name' in input.attendee ? input.attendee.name : '']);
    const person = await personOf(input.attendee);
    return inTransaction((tx) =>
      recordEntry(tx, { id: input.id, person, mode: 'absent', reason: input.reason }, { openid, grants }, now),
    );
  },
});
