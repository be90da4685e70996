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

const MAX_BATCH = 1000;

interface Recipient {
  _id: string;
  roles?: RoleGrant[];
  deletedAt?: Date | null;
}

/**
 * The daily sweep: the day before a session, each expected member gets a reminder (if they agreed to
 * subscribe messages; WeChat drops it otherwise). Each session is reminded once.
 */
export const remindTomorrow = defineAction({
  input: z.object({}),
  access: system,
  async handler(_input, { now }): Promise<{ activities: number; sent: number }> {
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
    if (activities.length === 0) return { activities: 0, sent: 0 };
    const branchIds = [...new Set(activities.map((a) => a.branchId))];
    const villageIds = [
      ...new Set(activities.flatMap((a) => (a.audience.kind === 'village' ? [a.audience.unitId] : []))),
    ];
    const people = await rows<Recipient>(
      db
        .collection('users')
        .where(
          command.or([
            { 'roles.branchId': command.in(branchIds) },
            ...(villageIds.length ? [{ 'roles.unitPath': command.in(villageIds) }] : []),
          ]),
        )
        .field({ _id: true, roles: true, deletedAt: true })
        .limit(MAX_BATCH),
    );
    let sent = 0;
    for (const activity of activities) {
      const when = shanghai(activity.startAt).format('YYYY年M月D日 HH:mm');
      for (const person of people) {
        if (person.deletedAt || !isExpected(person.roles ?? [], activity)) continue;
        const ok = await notify(person._id, 'activityReminder', `packages/activity/detail?id=${activity._id}`, {
          subject: `${ACTIVITY_KIND_LABELS[activity.kind]}：${activity.title}`,
          time: when,
          place: activity.place.name,
        });
        if (ok) sent += 1;
      }
    }
    await db
      .collection(ACTIVITIES)
      .where({ _id: command.in(activities.map((a) => a._id)) })
      .update({ data: { remindedAt: now } });
    return { activities: activities.length, sent };
  },
});
