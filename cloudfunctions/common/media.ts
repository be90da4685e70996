import * as z from 'zod';
import { push } from './access';
import { cloud, command, db } from './cloud';
import { rows } from './db';
import { defineAction } from './runtime';
import type { TextScene } from './content';

export const MEDIA_CHECKS_COLLECTION = 'media_checks';

/** Where checked photos live: a top-level array of cloud:// file ids on one document. */
export interface PhotoOwner {
  collection: string;
  id: string;
  field: string;
}

interface MediaCheckBatch {
  _id: string;
  traceIds: string[];
  items: Array<{ traceId: string; fileID: string }>;
  owner: PhotoOwner;
  openid: string;
  createdAt: Date;
}

/**
 * Sends stored photos to WeChat's image check (mediaCheckAsync). The verdict arrives later as a message push
 * (`wxa_media_check`), handled by `mediaCheckResult`, which takes a refused photo off its record at once.
 */
export async function checkImages(
  openid: string,
  scene: TextScene,
  owner: PhotoOwner,
  fileIds: readonly string[],
): Promise<void> {
  if (fileIds.length === 0) return;
  const { fileList } = (await cloud.getTempFileURL({ fileList: [...fileIds] })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>;
  };
  const items: MediaCheckBatch['items'] = [];
  for (const file of fileList) {
    const answer = (await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: file.tempFileURL,
      mediaType: 2,
      version: 2,
      scene,
      openid,
    })) as { traceId?: string; trace_id?: string };
    const traceId = answer.traceId ?? answer.trace_id;
    if (traceId) items.push({ traceId, fileID: file.fileID });
  }
  await db.collection(MEDIA_CHECKS_COLLECTION).add({
    data: { traceIds: items.map((i) => i.traceId), items, owner, openid, createdAt: new Date() },
  });
}

const mediaCheckEventSchema = z.object({
  trace_id: z.string().min(1),
  result: z.object({ suggest: z.enum(['pass', 'review', 'risky']), label: z.number().optional() }),
});

/** The push WeChat sends with an image check's verdict: anything but `pass` comes off the record it was on. */
export const mediaCheckResult = defineAction({
  input: mediaCheckEventSchema,
  access: push,
  async handler({ trace_id: traceId, result }) {
    if (result.suggest === 'pass') return { removed: false };
    const [batch] = await rows<MediaCheckBatch>(
      db.collection(MEDIA_CHECKS_COLLECTION).where({ traceIds: traceId }).limit(1),
    );
    const item = batch?.items.find((i) => i.traceId === traceId);
    if (!batch || !item) return { removed: false };
    const { collection, id, field } = batch.owner;
    await db
      .collection(collection)
      .doc(id)
      .update({ data: { [field]: command.pull(item.fileID), rejectedPhotos: command.addToSet(item.fileID) } });
    return { removed: true };
  },
});
