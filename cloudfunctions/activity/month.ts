import {
  ACTIVITY_KINDS,
  monthInputSchema,
  type BranchMonth,
  type MonthSummary,
  type MyMonth,
} from '@honglin/types/activity';
import type { RoleGrant } from '@honglin/types/org';
import { roles } from '../common/access';
import { command, db } from '../common/cloud';
import { rows } from '../common/db';
import { forbidden } from '../common/errors';
import { loadBranch, loadUnit } from '../common/org';
import { defineAction } from '../common/runtime';
import { ACTIVITIES, ATTENDANCE, MANAGERS, placeView, type ActivityDoc, type AttendanceDoc } from './store';
import { isAdminOver } from '@honglin/types/org';

/** A month of one town holds a few sessions per branch: far below one read's limit. */
const MONTH_LIMIT = 1000;

const held = (a: ActivityDoc) => a.status === 'held' || a.status === 'recorded';

/** Per branch: which of the three were held, with attendance; totals over all the branches given. */
export function summarise(month: string, activities: ActivityDoc[]): MonthSummary {
  const byBranch = new Map<string, ActivityDoc[]>();
  for (const a of activities) byBranch.set(a.branchId, [...(byBranch.get(a.branchId) ?? []), a]);
  const branches: BranchMonth[] = [...byBranch.values()].map((list) => ({
    branchId: list[0].branchId,
    branchName: list[0].branchName,
    slots: ACTIVITY_KINDS.map((kind) => {
      const ofKind = list.filter((a) => a.kind === kind);
      return {
        kind,
        held: ofKind.some(held),
        activities: ofKind.map((a) => ({
          _id: a._id,
          title: a.title,
          startAt: new Date(a.startAt).toISOString(),
          place: placeView(a.place),
          status: a.status,
          attendance: a.attendance,
        })),
      };
    }),
    participants: list.filter(held).reduce((n, a) => n + a.attendance.present, 0),
  }));
  const heldOf = (kind: ActivityDoc['kind']) => activities.filter((a) => a.kind === kind && held(a)).length;
  return {
    month,
    branches: branches.sort((a, b) => a.branchName.localeCompare(b.branchName, 'zh-CN')),
    totals: {
      lessonHeld: heldOf('lesson'),
      filmHeld: heldOf('film'),
      practiceHeld: heldOf('practice'),
      participants: branches.reduce((n, b) => n + b.participants, 0),
    },
  };
}

async function monthActivities(condition: Record<string, unknown>): Promise<ActivityDoc[]> {
  return rows<ActivityDoc>(
    db
      .collection(ACTIVITIES)
      .where(condition)
      .field({ checkinSecret: false })
      .orderBy('startAt', 'asc')
      .limit(MONTH_LIMIT),
  );
}

/** A member's month: the sessions they are expected at, each with whether they attended. */
async function myMonth(openid: string, grants: RoleGrant[], month: string): Promise<MyMonth> {
  const memberGrants = grants.filter((g) => g.role === 'member' && g.branchId);
  if (memberGrants.length === 0) throw forbidden('只有党员可以查看本月活动');
  const branchIds = [...new Set(memberGrants.map((g) => g.branchId as string))];
  const unitIds = [...new Set(memberGrants.flatMap((g) => g.unitPath))];
  const activities = await monthActivities(
    command.or([
      { month, branchId: command.in(branchIds) },
      { month, 'audience.unitId': command.in(unitIds) },
    ]) as unknown as Record<string, unknown>,
  );
  const ids = activities.map((a) => `${a._id}_${openid}`);
  const mine =
    ids.length === 0
      ? []
      : await rows<AttendanceDoc>(
          db
            .collection(ATTENDANCE)
            .where({ _id: command.in(ids) })
            .limit(ids.length),
        );
  const modeOf = new Map(mine.map((r) => [r.activityId, r.mode]));
  return {
    month,
    items: activities.map((a) => ({
      _id: a._id,
      kind: a.kind,
      title: a.title,
      startAt: new Date(a.startAt).toISOString(),
      place: placeView(a.place),
      status: a.status,
      ...(modeOf.has(a._id) ? { myMode: modeOf.get(a._id) } : {}),
    })),
  };
}

/** 一月一课一片一实践 of a month: for a branch, a village or the town (aggregated), or for me. */
export const month = defineAction({
  input: monthInputSchema,
  access: roles(['member', ...MANAGERS]),
  async handler(input, { openid, grants }): Promise<MonthSummary | MyMonth> {
    switch (input.view) {
      case 'mine':
        return myMonth(openid, grants, input.month);
      case 'branch': {
        const own = grants.some((g) => g.branchId === input.branchId);
        if (!own) {
          const branch = await loadBranch(input.branchId);
          if (!isAdminOver(grants, branch.unitPath)) throw forbidden();
        }
        return summarise(input.month, await monthActivities({ branchId: input.branchId, month: input.month }));
      }
      case 'unit': {
        const unit = await loadUnit(input.unitId);
        if (!isAdminOver(grants, unit.path)) throw forbidden();
        return summarise(input.month, await monthActivities({ unitPath: input.unitId, month: input.month }));
      }
    }
  },
});
