import { createHash } from 'node:crypto';
import type {
  Activity,
  ActivityKind,
  ActivityPlace,
  ActivityStatus,
  AttendanceCounts,
  AttendanceMode,
  AttendanceRecord,
  Audience,
  PracticeOutcome,
} from '@honglin/types/activity';
import { ADMIN_ROLES, type PlaceKind, type RoleName } from '@honglin/types/org';
import type { ScopeTarget } from '../common/access';
import { transition, type ActivityEvent, type WrongCodes } from '../common/domain/activity';
import { byId, txGet, type Tx } from '../common/db';
import { refusalError } from '../common/moves';
import type { PracticeServed } from '../common/domain/metrics/records';
import { photosFor } from '../common/pendingPhotos';
import { COLLECTIONS } from '../common/collections';

export const ACTIVITIES = COLLECTIONS.activities;
/** One document per person and activity, `${activityId}_${openid}`: the key itself makes "once" hold. */
export const ATTENDANCE = COLLECTIONS.attendance;
export const FILMS = COLLECTIONS.films;

/** Who runs an activity: its branch's secretary, or an admin of a unit above it. */
export const MANAGERS: readonly RoleName[] = ['branch_secretary', ...ADMIN_ROLES];

export interface ActivityDoc {
  _id: string;
  requestId: string;
  branchId: string;
  branchName: string;
  /** The branch's unit path (ancestors then the branch's unit). */
  unitPath: string[];
  /** The month (Asia/Shanghai) of startAt: the month's 一课一片一实践 it counts for. */
  month: string;
  kind: ActivityKind;
  title: string;
  startAt: Date;
  /** kind: the registered place's kind, kept for the statistics (not shown: placeView). */
  place: ActivityPlace & { kind?: PlaceKind };
  speaker?: string;
  filmIds: string[];
  films: Array<{ _id: string; title: string }>;
  experts: string[];
  audience: Audience;
  organiser: string;
  status: ActivityStatus;
  cancelReason?: string;
  summary?: string;
  photos: string[];
  /** Photos waiting for the image check: see common/pendingPhotos.ts. */
  pendingPhotos?: string[];
  /** served (older records: enterpriseKeys): the enterprises served as counted (see activity/record.ts). */
  practice?: PracticeOutcome & PracticeServed;
  attendance: AttendanceCounts;
  /** HMAC key of the rotating check-in code. Never leaves the server. */
  checkinSecret: string;
  /** Wrong check-in codes by member (openid), for the guessing limit. Never leaves the server. */
  checkinMisses?: Record<string, WrongCodes>;
  remindedAt?: Date | null;
  /** When a session of an earlier day was entered as held (补录); startAt is when it happened. */
  backfilledAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface AttendanceDoc {
  _id: string;
  activityId: string;
  branchId: string;
  unitPath: string[];
  /** Absent for someone recorded by name only. */
  openid?: string;
  name: string;
  mode: AttendanceMode;
  reason?: string;
  /** Copied from the activity so "my history" is one indexed query. */
  kind: ActivityKind;
  title: string;
  startAt: Date;
  placeName: string;
  at: Date;
  by: string;
}

/** Activity ids are short (16 characters) so `<id>:<token>` fits a mini-program code's 32-character scene. */
export function activityIdOf(requestId: string): string {
  return `a${createHash('sha256').update(requestId).digest('hex').slice(0, 15)}`;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** A place as clients see it: its id (when registered) and name. */
export function placeView(place: ActivityDoc['place']): ActivityPlace {
  return place.placeId ? { placeId: place.placeId, name: place.name } : { name: place.name };
}

/** An activity as a caller sees it: its pending photos only for who manages it (they record them). */
export function toActivity(doc: ActivityDoc, seesPending: boolean): Activity {
  const {
    checkinSecret: _secret,
    checkinMisses: _misses,
    requestId: _requestId,
    remindedAt: _remindedAt,
    // The organiser's OPENID is nobody else's business (who may manage it is answered as canManage).
    organiser: _organiser,
    photos,
    pendingPhotos,
    place,
    practice,
    backfilledAt,
    ...rest
  } = doc;
  return {
    ...rest,
    ...photosFor(photos, pendingPhotos, seesPending),
    place: placeView(place),
    ...(practice ? { practice: { enterprises: practice.enterprises, requestIds: practice.requestIds } } : {}),
    startAt: iso(doc.startAt),
    ...(backfilledAt ? { backfilledAt: iso(backfilledAt) } : {}),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function toAttendance(doc: AttendanceDoc): AttendanceRecord {
  return {
    _id: doc._id,
    activityId: doc.activityId,
    ...(doc.openid ? { openid: doc.openid } : {}),
    name: doc.name,
    mode: doc.mode,
    ...(doc.reason ? { reason: doc.reason } : {}),
    at: iso(doc.at),
  };
}

export async function loadActivity(id: string): Promise<ActivityDoc> {
  const doc = await byId<ActivityDoc>(ACTIVITIES, id);
  if (!doc) throw refusalError('activity.missing');
  return doc;
}

/** Scope rule: the action acts on the activity named by the input, in its branch. */
export async function activityScope(input: { id: string }): Promise<ScopeTarget<ActivityDoc>> {
  const doc = await loadActivity(input.id);
  return { unitPath: doc.unitPath, branchId: doc.branchId, resource: doc };
}

/** The activity as it is now, inside the transaction (it may have moved since the scope rule read it). */
export async function txActivity(tx: Tx, id: string): Promise<ActivityDoc> {
  const doc = await txGet<ActivityDoc>(tx, ACTIVITIES, id);
  if (!doc) throw refusalError('activity.missing');
  return doc;
}

/** The state an event leads to, or the refusal the caller sees (a pre-check before the transaction's own). */
export function allowed(status: ActivityStatus, event: ActivityEvent): ActivityStatus {
  const result = transition(status, event);
  if (!result.ok) throw refusalError(result.refusal);
  return result.to;
}

/** Dates for the timeline and counters: an activity counts in the month it took place. */
export function countedAt(doc: Pick<ActivityDoc, 'startAt'>): Date {
  return new Date(doc.startAt);
}
