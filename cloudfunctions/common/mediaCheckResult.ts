import * as z from 'zod';
import { mediaCheckEventSchema } from '@honglin/types/user';
import { push, system } from './access';
import { cloud, command, db } from './cloud';
import { rows } from './db';
import { defineAction } from './runtime';
import { MEDIA_CHECKS_COLLECTION, retryImageChecks, type MediaCheckBatch } from './content';
import { PENDING_PHOTOS } from './pendingPhotos';

/**
 * The push WeChat sends with an image check's verdict: the picture comes off its record's pending list (others may
 * see it now); anything but `pass` also comes off the record (a single picture only while it is still the
 * record's: a newer one stays) and the file is deleted from storage.
 */
export const mediaCheckResult = defineAction({
  input: mediaCheckEventSchema,
  access: push,
  async handler({ trace_id: traceId, result }) {
    const [batch] = await rows<MediaCheckBatch>(
      db.collection(MEDIA_CHECKS_COLLECTION).where({ traceIds: traceId }).limit(1),
    );
    const item = batch?.items.find((i) => i.traceId === traceId);
    if (!batch || !item) return { removed: false };
    const { collection, id, field, single } = batch.owner;
    const checked = { [PENDING_PHOTOS]: command.pull(item.fileID) };
    if (result.suggest === 'pass') {
      await db.collection(collection).where({ _id: id }).update({ data: checked });
      return { removed: false };
    }
    let removed = true;
    if (single) {
      await db.collection(collection).where({ _id: id }).update({ data: checked });
      const result = (await db
        .collection(collection)
        .where({ _id: id, [field]: item.fileID })
        .update({ data: { [field]: '' } })) as { stats?: { updated?: number } };
      removed = (result.stats?.updated ?? 0) > 0;
    } else {
      await db
        .collection(collection)
        .where({ _id: id })
        .update({ data: { ...checked, [field]: command.pull(item.fileID) } });
    }
    await cloud.deleteFile({ fileList: [item.fileID] });
    return { removed };
  },
});

/** Timer `retryImageChecks`: starts the image checks that could not be started when the photos were stored. */
export const imageCheckRetry = defineAction({
  input: z.object({}),
  access: system,
  handler: () => retryImageChecks(),
});
