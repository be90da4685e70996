import * as z from 'zod';
import { ACTIVITY_KIND_LABELS } from '@honglin/types/activity';
import type { RoleGrant } from '@honglin/types/org';
import { shanghai } from '@honglin/types/time';
import { system } from '../common/access';
import { command, db } from '../common/cloud';
import { isExpected } from '../common/domain/activity';
import { rows } from '../common/db';
import { notify } from '../common/notify';
import { defineAction } from '../common/runtime';
import { ACTIVITIES, type ActivityDoc } from './store';
import { COLLECTIONS } from '../common/collections';

const MAX_BATCH = 1000;
/** One document per reminder being sent, `<activityId>:<openid>`, kept until the activity's reminders are done. */
export const ACTIVITY_REMINDERS = COLLECTIONS.activityReminders;
/** Messages sent at once. */
const SENDS_AT_ONCE = 10;
/**
 * Batches one run starts at most (100 messages), and how long after its start it stops starting them: the
 * function's timeout is 10 s (config.json) and a batch (marks, then sends) takes a few tenths of a second, so a
 * run ends well inside it. The rest waits for the next run: the trigger fires every 10 minutes from 09:00 to 20:50,
 * 7,200 messages a day for a town of about 800 members.
 */
const BATCHES_PER_RUN = 10;
const RUN_BUDGET_MS = 6_000;

interface Recipient {
  _id: string;
  roles?: RoleGrant[];
  deletedAt?: Date | null;
}

interface ReminderMark {
  _id: string;
  activityId: string;
  openid: string;
  at: Date;
}

/**
 * The day-before reminders: each expected member of a session tomorrow gets one (if they agreed to subscribe
 * messages; WeChat drops it otherwise), in batches within the function's timeout. Each message is marked before it
 * is sent, so a run cut short (timeout, crash) is resumed by the next one without sending anything twice; at worst
 * the one batch in flight is not sent. A session is marked reminded (remindedAt) when everyone has been.
 */
export const remindTomorrow = defineAction({
  input: z.object({}),
  access: system,
  async handler(_input, { now }): Promise<{ activities: number; sent: number; pending: number }> {
    const started = Date.now();
    const start = shanghai(now).add(1, 'day').startOf('day');
    const activities = await rows<ActivityDoc>(
      db
        .collection(ACTIVITIES)
        .where({
          startAt: command.gte(start.toDate()).and(command.lt(start.add(1, 'day').toDate())),
          status: command.in(['planned', 'open']),
          remindedAt: null,
        })
        .limit(MAX_BATCH),
    );
    if (activities.length === 0) return { activities: 0, sent: 0, pending: 0 };
    const branchIds = [...new Set(activities.map((a) => a.branchId))];
    const villageIds = [
      ...new Set(activities.flatMap((a) => (a.audience.kind === 'village' ? [a.audience.unitId] : []))),
    ];
    const people = await rows<Recipient>(
      db
        .collection(COLLECTIONS.users)
        .where(
          command.or([
            { 'roles.branchId': command.in(branchIds) },
            ...(villageIds.length ? [{ 'roles.unitPath': command.in(villageIds) }] : []),
          ]),
        )
        .field({ _id: true, roles: true, deletedAt: true })
        .limit(MAX_BATCH),
    );
    const marks = await rows<Pick<ReminderMark, 'activityId' | 'openid'>>(
      db
        .collection(ACTIVITY_REMINDERS)
        .where({ activityId: command.in(activities.map((a) => a._id)) })
        .field({ activityId: true, openid: true })
        .limit(MAX_BATCH),
    );
    const marked = new Set(marks.map((m) => `${m.activityId}:${m.openid}`));
    const waiting = activities.flatMap((activity) =>
      people
        .filter((p) => !p.deletedAt && isExpected(p.roles ?? [], activity) && !marked.has(`${activity._id}:${p._id}`))
        .map((p) => ({ activity, openid: p._id })),
    );
    let sent = 0;
    for (let batches = 0; waiting.length > 0; batches += 1) {
      if (batches >= BATCHES_PER_RUN || Date.now() - started > RUN_BUDGET_MS) break;
      const batch = waiting.splice(0, SENDS_AT_ONCE);
      // Marked first: a run stopped between mark and send loses a reminder rather than sending one twice.
      await Promise.all(
        batch.map(({ activity, openid }) =>
          db.collection(ACTIVITY_REMINDERS).add({
            data: { _id: `${activity._id}:${openid}`, activityId: activity._id, openid, at: now },
          }),
        ),
      );
      const results = await Promise.all(
        batch.map(({ activity, openid }) =>
          notify(openid, 'activityReminder', `packages/activity/detail?id=${activity._id}`, {
            subject: `${ACTIVITY_KIND_LABELS[activity.kind]}：${activity.title}`,
            time: shanghai(activity.startAt).format('YYYY年M月D日 HH:mm'),
            place: activity.place.name,
          }),
        ),
      );
      sent += results.filter(Boolean).length;
    }
    const unfinished = new Set(waiting.map((w) => w.activity._id));
    const done = activities.filter((a) => !unfinished.has(a._id)).map((a) => a._id);
    if (done.length > 0) {
      await db
        .collection(ACTIVITIES)
        .where({ _id: command.in(done) })
        .update({ data: { remindedAt: now } });
      // Only now: while a session is not marked reminded, its marks are what keeps a resumed run from repeating.
      await db
        .collection(ACTIVITY_REMINDERS)
        .where({ activityId: command.in(done) })
        .remove();
    }
    return { activities: activities.length, sent, pending: activities.length - done.length };
  },
});
