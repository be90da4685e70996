import {
  activityIdInputSchema,
  listActivitiesInputSchema,
  type Activity,
  type ActivityDetail,
  type ListActivitiesInput,
  type MyAttendance,
  type RosterMember,
} from '@honglin/types/activity';
import type { Page } from '@honglin/types/common';
import type { RoleGrant } from '@honglin/types/org';
import { roles } from '../common/access';
import { db } from '../common/cloud';
import { canManage, isExpected } from '../common/domain/activity';
import { byId, rows } from '../common/db';
import { forbidden } from '../common/errors';
import { loadBranch, loadUnit } from '../common/org';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import {
  ACTIVITIES,
  ATTENDANCE,
  MANAGERS,
  loadActivity,
  toActivity,
  toAttendance,
  type ActivityDoc,
  type AttendanceDoc,
} from './store';
import { isAdminOver } from '@honglin/types/org';
import { COLLECTIONS } from '../common/collections';

/** The largest attendance list of one session (a branch, or a village's members). */
const MAX_ATTENDANCE = 500;

/** One activity: the organiser sees everyone recorded; a member of its audience sees their own record. */
export const get = defineAction({
  input: activityIdInputSchema,
  access: roles(['member', ...MANAGERS]),
  async handler(input, { openid, grants }): Promise<ActivityDetail> {
    const activity = await loadActivity(input.id);
    if (canManage(grants, activity)) {
      const records = await rows<AttendanceDoc>(
        db.collection(ATTENDANCE).where({ activityId: activity._id }).orderBy('at', 'asc').limit(MAX_ATTENDANCE),
      );
      return { activity: toActivity(activity, true), attendance: records.map(toAttendance), canManage: true };
    }
    if (!isExpected(grants, activity)) throw forbidden('您不在这次活动的参加范围内');
    const mine = await byId<AttendanceDoc>(ATTENDANCE, `${activity._id}_${openid}`);
    return { activity: toActivity(activity, false), attendance: mine ? [toAttendance(mine)] : [], canManage: false };
  },
});

type ListAnswer = Page<Activity> | Page<MyAttendance> | RosterMember[];

async function branchPage(grants: RoleGrant[], input: Extract<ListActivitiesInput, { view: 'branch' }>) {
  // Members and the secretary of the branch are known from their grants; an admin's reach needs the branch's unit.
  if (!grants.some((g) => g.branchId === input.branchId)) {
    const branch = await loadBranch(input.branchId);
    if (!isAdminOver(grants, branch.unitPath)) throw forbidden();
  }
  const page = await pageOf<ActivityDoc>(
    db.collection(ACTIVITIES),
    { branchId: input.branchId },
    'startAt',
    input.cursor,
    input.size ?? 20,
  );
  return { ...page, items: page.items.map((a) => toActivity(a, canManage(grants, a))) };
}

async function unitPage(grants: RoleGrant[], input: Extract<ListActivitiesInput, { view: 'unit' }>) {
  const unit = await loadUnit(input.unitId);
  if (!isAdminOver(grants, unit.path)) throw forbidden();
  const page = await pageOf<ActivityDoc>(
    db.collection(ACTIVITIES),
    { unitPath: input.unitId },
    'startAt',
    input.cursor,
    input.size ?? 20,
  );
  return { ...page, items: page.items.map((a) => toActivity(a, canManage(grants, a))) };
}

async function myHistory(
  openid: string,
  input: Extract<ListActivitiesInput, { view: 'mine' }>,
): Promise<Page<MyAttendance>> {
  const page = await pageOf<AttendanceDoc>(
    db.collection(ATTENDANCE),
    { openid },
    'startAt',
    input.cursor,
    input.size ?? 20,
  );
  return {
    ...page,
    items: page.items.map((r) => ({
      _id: r._id,
      activityId: r.activityId,
      kind: r.kind,
      title: r.title,
      startAt: new Date(r.startAt).toISOString(),
      placeName: r.placeName,
      mode: r.mode,
    })),
  };
}

interface RosterUser {
  _id: string;
  nickname?: string;
  roles?: RoleGrant[];
  deletedAt?: Date | null;
}

/** Who is expected at an activity (for 请假 and 代为登记): names only, never phone numbers. */
async function roster(grants: RoleGrant[], id: string): Promise<RosterMember[]> {
  const activity = await loadActivity(id);
  if (!canManage(grants, activity)) throw forbidden('只有活动的组织者可以查看参加名单');
  const where =
    activity.audience.kind === 'branch'
      ? { 'roles.branchId': activity.branchId, 'roles.role': 'member' }
      : { 'roles.unitPath': activity.audience.unitId, 'roles.role': 'member' };
  const users = await rows<RosterUser>(
    db
      .collection(COLLECTIONS.users)
      .where(where)
      .field({ _id: true, nickname: true, roles: true, deletedAt: true })
      .limit(MAX_ATTENDANCE),
  );
  return users
    .filter((u) => !u.deletedAt && isExpected(u.roles ?? [], activity))
    .map((u) => ({ openid: u._id, name: u.nickname || '党员' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Lists: a branch's or a unit's activities (newest first), my own attendance history, or an activity's roster. */
export const list = defineAction({
  input: listActivitiesInputSchema,
  access: roles(['member', ...MANAGERS]),
  async handler(input, { openid, grants }): Promise<ListAnswer> {
    switch (input.view) {
      case 'branch':
        return branchPage(grants, input);
      case 'unit':
        return unitPage(grants, input);
      case 'mine':
        return myHistory(openid, input);
      case 'roster':
        return roster(grants, input.id);
    }
  },
});
