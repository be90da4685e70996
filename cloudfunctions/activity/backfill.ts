import { markHeldInputSchema, type Activity } from '@honglin/types/activity';
import { roles } from '../common/access';
import { beyondBackdating, dayHasPassed } from '../common/domain/activity';
import { activityHeld } from '../common/domain/metrics/bumps';
import { invalidArgument } from '../common/errors';
import { defineAction } from '../common/runtime';
import { moveActivity } from './move';
import { MANAGERS, activityScope, countedAt, toActivity } from './store';

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
    const updated = await moveActivity({
      id: input.id,
      actor: openid,
      now,
      event: { type: 'markHeld' },
      check: (current) => {
        const startAt = new Date(current.startAt);
        if (!dayHasPassed(startAt, now)) return 'activity.notYetPassed';
        const tooOld = beyondBackdating(startAt, now);
        if (tooOld) throw invalidArgument(`${tooOld}，不能再补录`);
        return null;
      },
      changes: () => ({ backfilledAt: now }),
      counters: (current) => [
        { bump: activityHeld(current.branchId, current, current.attendance.present), at: countedAt(current) },
      ],
    });
    return toActivity(updated, true);
  },
});
