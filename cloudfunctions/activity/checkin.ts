import {
  checkinInputSchema,
  checkinTokenInputSchema,
  openCheckinInputSchema,
  sceneOf,
  type Activity,
  type CheckinResult,
  type CheckinToken,
} from '@honglin/types/activity';
import { roles } from '../common/access';
import { cloud } from '../common/cloud';
import {
  addCounts,
  addWrongCode,
  attendanceChange,
  checkinDayRefusal,
  guessingLocked,
  isExpected,
} from '../common/domain/activity';
import { activityHeld } from '../common/domain/metrics/bumps';
import { codeFor, verifyCheckin } from '../common/domain/checkinToken';
import { inTransaction, txGet } from '../common/db';
import { qrCodeVersion } from '../common/miniProgramVersion';
import { conflict, forbidden, invalidArgument, rateLimited } from '../common/errors';
import { defineAction } from '../common/runtime';
import { moveActivity } from './move';
import {
  ACTIVITIES,
  ATTENDANCE,
  MANAGERS,
  activityScope,
  allowed,
  countedAt,
  toActivity,
  txActivity,
  type AttendanceDoc,
} from './store';

/** The page a scanned check-in code opens (the scene carries `<activityId>:<token>`). */
export const CHECKIN_PAGE = 'packages/activity/checkin';

/**
 * 开始签到 / 结束签到. Check-in opens only on the session's own day (a session of an earlier day is entered with
 * markHeld); closing it makes the session held: it counts on the dashboard from then on, with the
 * participant-times recorded so far.
 */
export const openCheckin = defineAction({
  input: openCheckinInputSchema,
  access: roles(MANAGERS, activityScope),
  async handler(input, { openid, now }): Promise<Activity> {
    const event = input.close ? 'close' : 'open';
    const updated = await moveActivity({
      id: input.id,
      actor: openid,
      now,
      event: { type: event },
      check: (current) => {
        const wrongDay = event === 'open' ? checkinDayRefusal(new Date(current.startAt), now, 'organiser') : null;
        if (wrongDay) throw conflict(wrongDay);
        return null;
      },
      counters: (current, to) =>
        to === 'held'
          ? [{ bump: activityHeld(current.branchId, current, current.attendance.present), at: countedAt(current) }]
          : [],
    });
    return toActivity(updated, true);
  },
});

interface QrAnswer {
  buffer?: Buffer | Uint8Array;
  errCode?: number;
}

/** The check-in code of the current 30-second window: the mini-program code (PNG) and the 6-digit code. */
export const checkinToken = defineAction({
  input: checkinTokenInputSchema,
  access: roles(MANAGERS, activityScope),
  async handler(_input, { resource: activity, now }): Promise<CheckinToken> {
    if (activity.status !== 'open') throw conflict('请先开始签到');
    const { token, code, expiresAt } = codeFor(activity.checkinSecret, activity._id, now);
    const answer = (await cloud.openapi.wxacode.getUnlimited({
      scene: sceneOf(activity._id, token),
      page: CHECKIN_PAGE,
      ...qrCodeVersion,
      width: 430,
    })) as QrAnswer;
    if (!answer.buffer) throw new Error(`wxacode.getUnlimited answered errCode ${String(answer.errCode)}`);
    return { token, code, qrPng: Buffer.from(answer.buffer).toString('base64'), expiresAt: expiresAt.toISOString() };
  },
});

/**
 * 签到: a member of the expected audience checks in on site with the code of this activity's current (or
 * previous) window. One record per member, created with the count in one transaction.
 * A wrong code is tallied on the activity in its own committed transaction (concurrent guesses conflict and are
 * counted one by one); after MAX_WRONG_CODES within the window even a right code is refused, so the 6-digit code
 * cannot be guessed.
 */
export const checkin = defineAction({
  input: checkinInputSchema,
  access: roles(['member']),
  async handler(input, { openid, caller, grants, now }): Promise<CheckinResult> {
    const mode = 'token' in input ? 'scan' : 'code';
    const outcome = await inTransaction(async (tx): Promise<CheckinResult | 'wrong'> => {
      const activity = await txActivity(tx, input.id);
      if (!isExpected(grants, activity)) throw forbidden('您不在这次活动的参加范围内');
      allowed(activity.status, { type: 'checkin' });
      // A session left open past midnight takes no more check-ins: they are on the session's own day only.
      const wrongDay = checkinDayRefusal(new Date(activity.startAt), now, 'member');
      if (wrongDay) throw conflict(wrongDay);
      const misses = activity.checkinMisses?.[openid];
      if (guessingLocked(misses, now)) throw rateLimited('签到码输错次数太多，请10分钟后再试，或请组织者代为登记');
      const presented = 'token' in input ? { token: input.token } : { code: input.code };
      if (!verifyCheckin(activity.checkinSecret, activity._id, presented, now)) {
        await tx
          .collection(ACTIVITIES)
          .doc(activity._id)
          .update({ data: { checkinMisses: { [openid]: addWrongCode(misses, now) } } });
        return 'wrong';
      }
      const id = `${activity._id}_${openid}`;
      const existing = await txGet<AttendanceDoc>(tx, ATTENDANCE, id);
      const change = attendanceChange(existing?.mode ?? null, mode);
      if (!change.ok) throw conflict(change.reason);
      const record: AttendanceDoc = {
        _id: id,
        activityId: activity._id,
        branchId: activity.branchId,
        unitPath: activity.unitPath,
        openid,
        name: (caller as { nickname?: string } | null)?.nickname || '党员',
        mode,
        kind: activity.kind,
        title: activity.title,
        startAt: activity.startAt,
        placeName: activity.place.name,
        at: now,
        by: openid,
      };
      const { _id, ...fields } = record;
      if (existing) await tx.collection(ATTENDANCE).doc(_id).set({ data: fields });
      else await tx.collection(ATTENDANCE).add({ data: { ...record } });
      await tx
        .collection(ACTIVITIES)
        .doc(activity._id)
        .update({
          data: { attendance: addCounts(activity.attendance, change.delta), updatedAt: now },
        });
      return { activityId: activity._id, title: activity.title, mode };
    });
    if (outcome === 'wrong') throw invalidArgument('签到码不对或已过期，请扫描现场最新的二维码');
    return outcome;
  },
});
