import { recordActivityInputSchema, type Activity } from '@honglin/types/activity';
import { roles } from '../common/access';
import { checkImages, checkText } from '../common/content';
import { inTransaction } from '../common/db';
import { invalidArgument } from '../common/errors';
import { defineAction } from '../common/runtime';
import { recordTimeline } from '../common/timeline';
import { ACTIVITIES, MANAGERS, activityScope, allowed, toActivity, txActivity } from './store';

/** 活动记录: after the session, its summary, photos and, for a practice, what was done. */
export const record = defineAction({
  input: recordActivityInputSchema,
  access: roles(MANAGERS, activityScope),
  async handler(input, { openid, resource, now }): Promise<Activity> {
    allowed(resource.status, { type: 'record' });
    if (input.practice && resource.kind !== 'practice') throw invalidArgument('只有微实践需要填写走访企业和解决的诉求');
    await checkText(openid, 3, [input.summary, ...(input.practice?.enterprises ?? [])]);
    const updated = await inTransaction(async (tx) => {
      const current = await txActivity(tx, input.id);
      const to = allowed(current.status, { type: 'record' });
      const changes = {
        status: to,
        summary: input.summary,
        photos: input.photos,
        ...(input.practice ? { practice: input.practice } : {}),
        updatedAt: now,
      };
      await tx.collection(ACTIVITIES).doc(input.id).update({ data: changes });
      await recordTimeline(tx, {
        subject: 'activity',
        subjectId: input.id,
        event: 'record',
        from: current.status,
        to,
        actor: openid,
        at: now,
        unitPath: current.unitPath,
      });
      return { ...current, ...changes };
    });
    // The image check answers later; a refused photo comes off the record then.
    const added = input.photos.filter((p) => !resource.photos.includes(p));
    await checkImages(openid, 3, { collection: ACTIVITIES, id: input.id, field: 'photos' }, added);
    return toActivity(updated);
  },
});
