import {
  addAttendeeInputSchema,
  markAbsentInputSchema,
  type ActivityDetail,
  type AttendanceCounts,
  type AttendanceMode,
  type AttendeeInput,
} from '@honglin/types/activity';
import type { RoleGrant } from '@honglin/types/org';
import { roles } from '../common/access';
import { checkText, SCENE } from '../common/content';
import { bumpCounters } from '../common/counters';
import { activityPresence } from '../common/domain/metrics/bumps';
import {
  addCounts,
  attendanceChange,
  attendanceId,
  beyondBackdating,
  canManage,
  countsOnDashboard,
  isExpected,
} from '../common/domain/activity';
import { db } from '../common/cloud';
import { inTransaction, txGet, type Tx } from '../common/db';
import { conflict, forbidden, invalidArgument, notFound } from '../common/errors';
import { refusalError } from '../common/moves';
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
  type ActivityDoc,
  type AttendanceDoc,
} from './store';
import { COLLECTIONS } from '../common/collections';

interface Person {
  openid?: string;
  name: string;
  roles: RoleGrant[];
}

interface PersonDoc {
  _id: string;
  nickname?: string;
  roles?: RoleGrant[];
  deletedAt?: Date | null;
}

/** The activity with the person's record at it and the person's user record, as one read saw them. */
interface Snapshot {
  activity: ActivityDoc;
  record: AttendanceDoc | null;
  person: Person;
}

const sameCounts = (a: AttendanceCounts, b: AttendanceCounts) =>
  a.present === b.present && a.absent === b.absent && a.delivered === b.delivered;

/**
 * The activity, the person's record at it and (for a registered person) their user record, in one read.
 */
async function snapshotOf(id: string, attendee: AttendeeInput): Promise<Snapshot> {
  const key: { openid: string } | { name: string } =
    'openid' in attendee ? { openid: attendee.openid } : { name: attendee.name.trim() };
  const record = (found: AttendanceDoc[]) => found.find(Boolean) ?? null;
  const { list } = (await db
    .collection(ACTIVITIES)
    .aggregate()
    .match({ _id: id })
    .addFields({
      wantedRecords: [attendanceId(id, key)],
      wantedPeople: 'openid' in key ? [key.openid] : [],
    })
    .lookup({ from: ATTENDANCE, localField: 'wantedRecords', foreignField: '_id', as: 'foundRecords' })
    .lookup({ from: COLLECTIONS.users, localField: 'wantedPeople', foreignField: '_id', as: 'foundPeople' })
    .end()) as { list: Array<ActivityDoc & { foundRecords: AttendanceDoc[]; foundPeople: PersonDoc[] }> };
  const [found] = list;
  if (!found) throw refusalError('activity.missing');
  const { foundRecords, foundPeople, ...activity } = found;
  if ('name' in key) return { activity, record: record(foundRecords), person: { name: key.name, roles: [] } };
  const user = foundPeople.find(Boolean);
  if (!user || user.deletedAt) throw notFound('找不到这位党员，请刷新后重试');
  return {
    activity,
    record: record(foundRecords),
    person: { openid: user._id, name: user.nickname || '党员', roles: user.roles ?? [] },
  };
}

interface Entry {
  mode: AttendanceMode;
  reason?: string;
}

/**
 * Writes one person's record with the activity's counts in one transaction; people recorded present after the
 * session was held are added to the dashboard at once.
 * The person's record is taken from the snapshot when the activity's counts are as the snapshot saw them: every
 * change of a record changes those counts in the same transaction, and they never return to an earlier value
 * (present + delivered never falls, and when it stays the same only "on leave" grows), so equal counts mean no
 * record changed since. Otherwise (someone was recorded meanwhile) it is read again here.
 */
async function recordEntry(
  tx: Tx,
  snapshot: Snapshot,
  entry: Entry,
  actor: { openid: string; grants: RoleGrant[] },
  now: Date,
): Promise<ActivityDetail> {
  const activity = await txActivity(tx, snapshot.activity._id);
  const { person } = snapshot;
  if (!canManage(actor.grants, activity)) throw forbidden('只有活动的组织者可以登记');
  allowed(activity.status, {
    type: entry.mode === 'absent' ? 'markAbsent' : entry.mode === 'delivered' ? 'deliver' : 'addAttendee',
  });
  const tooOld = beyondBackdating(new Date(activity.startAt), now);
  if (tooOld) throw invalidArgument(`${tooOld}，不能再登记参加情况`);
  if (person.openid && !isExpected(person.roles, activity)) {
    throw forbidden('这位不在这次活动的参加范围内');
  }
  const id = attendanceId(activity._id, person.openid ? { openid: person.openid } : { name: person.name });
  const existing = sameCounts(activity.attendance, snapshot.activity.attendance)
    ? snapshot.record
    : await txGet<AttendanceDoc>(tx, ATTENDANCE, id);
  const change = attendanceChange(existing?.mode ?? null, entry.mode);
  if (!change.ok) throw conflict(change.reason);
  const record: AttendanceDoc = {
    _id: id,
    activityId: activity._id,
    branchId: activity.branchId,
    unitPath: activity.unitPath,
    ...(person.openid ? { openid: person.openid } : {}),
    name: person.name,
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
    await bumpCounters(tx, activity.unitPath, countedAt(activity), activityPresence(activity, change.delta.present));
  }
  return {
    activity: toActivity({ ...activity, attendance, updatedAt: now }, true),
    attendance: [toAttendance(record)],
    canManage: true,
  };
}

/** 代为登记 / 送学上门: the organiser records someone present by hand, or the material given to study later. */
export const addAttendee = defineAction({
  input: addAttendeeInputSchema,
  access: roles(MANAGERS),
  async handler(input, { openid, grants, now }): Promise<ActivityDetail> {
    if ('name' in input.attendee) await checkText(openid, SCENE.comment, [input.attendee.name]);
    const snapshot = await snapshotOf(input.id, input.attendee);
    return inTransaction((tx) => recordEntry(tx, snapshot, { mode: input.mode }, { openid, grants }, now));
  },
});

/** 请假: the organiser records someone's leave with its reason. */
export const markAbsent = defineAction({
  input: markAbsentInputSchema,
  access: roles(MANAGERS),
  async handler(input, { openid, grants, now }): Promise<ActivityDetail> {
    await checkText(openid, SCENE.comment, [input.reason, 'name' in input.attendee ? input.attendee.name : '']);
    const snapshot = await snapshotOf(input.id, input.attendee);
    return inTransaction((tx) =>
      recordEntry(tx, snapshot, { mode: 'absent', reason: input.reason }, { openid, grants }, now),
    );
  },
});
