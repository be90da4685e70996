import { markHeldInputSchema, type Activity } from '@honglin/types/activity';
import { roles } from '../common/access';
import { bumpCounters } from '../common/counters';
import { beyondBackdating, dayHasPassed } from '../common/domain/activity';
import { activityHeld } from '../common/domain/metrics/bumps';
import { inTransaction } from '../common/db';
import { conflict, invalidArgument } from '../common/errors';
import { defineAction } from '../common/runtime';
import { recordTimeline } from '../common/timeline';
import { ACTIVITIES, MANAGERS, activityScope, allowed, countedAt, toActivity, txActivity } from './store';

/**
 * 补录: a session held on an earlier day without check-in in the app (a town entering the months before it used
 * the app, a meeting where nobody had a phone) is entered as held, within the back-dating window every dated
 * record shares. It counts in the month it took place; who was there is then recorded with addAttendee /
 * markAbsent. The trace: backfilledAt (entered on) beside startAt (happened on), and the timeline entry.
 */
export const markHeld = defineAction({
  input: markHeldInputSchema,
  access: roles(MANAGERS, activityScope),
  async handler(input, { openid, now }): Promise<Activity> {
    const updated = await inTransaction(async (tx) => {
      const current = await txActivity(tx, input.id);
      const to = allowed(current.status, { type: 'markHeld' });
      const startAt = new Date(current.startAt);
      if (!dayHasPassed(startAt, now)) throw conflict('只能补录已经过去的活动；当天的活动请开始签到');
      const tooOld = beyondBackdating(startAt, now);
      if (tooOld) throw invalidArgument(`${tooOld}，不能再补录`);
      const changes = { status: to, backfilledAt: now, updatedAt: now };
      await tx.collection(ACTIVITIES).doc(input.id).update({ data: changes });
      await recordTimeline(tx, {
        subject: 'activity',
        subjectId: input.id,
        event: 'markHeld',
        from: current.status,
        to,
        actor: openid,
        at: now,
        unitPath: current.unitPath,
      });
      const { deltas, distinct } = activityHeld(current.branchId, current, current.attendance.present);
      await bumpCounters(tx, current.unitPath, countedAt(current), deltas, distinct);
      return { ...current, ...changes };
    });
    return toActivity(updated, true);
  },
});
