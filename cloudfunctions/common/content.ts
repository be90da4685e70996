import { cloud, command, db } from './cloud';
import { rows } from './db';
import { contentRejected } from './errors';
import { COLLECTIONS } from './collections';

/**
 * WeChat's msgSecCheck scenes, named by what the text is: a profile or a unit's name (1), a comment on something
 * (2), a post others read (3: requests, pledges, activities, videos), a social log (4).
 */
export const SCENE = { profile: 1, comment: 2, post: 3, socialLog: 4 } as const;
export type TextScene = (typeof SCENE)[keyof typeof SCENE];

interface MsgSecCheckResult {
  result?: { suggest?: 'pass' | 'review' | 'risky'; label?: number };
}

/**
 * Checks user text with WeChat content security (msgSecCheck v2) before anything is stored.
 * Anything but `pass` is refused: there is no human review queue to hold it in.
 */
export async function checkText(
  openid: string,
  scene: TextScene,
  texts: Array<string | undefined | null>,
): Promise<void> {
  const content = texts.filter((t): t is string => !!t && t.trim().length > 0).join('\n');
  if (!content) return;
  const answer = (await cloud.openapi.security.msgSecCheck({
    content,
    version: 2,
    scene,
    openid,
  })) as MsgSecCheckResult;
  const suggest = answer.result?.suggest ?? 'pass';
  if (suggest !== 'pass') {
    throw contentRejected('内容包含不适宜发布的信息，请修改后再提交', { suggest, label: answer.result?.label });
  }
}

export const MEDIA_CHECKS_COLLECTION = COLLECTIONS.mediaChecks;

/**
 * Where checked photos live: a top-level field of one document holding an array of cloud:// file ids, or with
 * `single` one file id (an avatar).
 */
export interface PhotoOwner {
  collection: string;
  id: string;
  field: string;
  single?: true;
}

export interface MediaCheckBatch {
  _id: string;
  traceIds: string[];
  items: Array<{ traceId: string; fileID: string }>;
  /** Files whose check could not be started yet (WeChat unreachable): the retryImageChecks timer starts them. */
  unstarted: string[];
  scene: TextScene;
  owner: PhotoOwner;
  openid: string;
  createdAt: Date;
}

/** Starts WeChat's check of each file; a file whose check cannot be started now is answered back, never thrown. */
async function startChecks(
  openid: string,
  scene: TextScene,
  fileIds: readonly string[],
): Promise<{ started: MediaCheckBatch['items']; unstarted: string[] }> {
  const started: MediaCheckBatch['items'] = [];
  try {
    const { fileList } = (await cloud.getTempFileURL({ fileList: [...fileIds] })) as {
      fileList: Array<{ fileID: string; tempFileURL: string }>;
    };
    for (const file of fileList) {
      try {
        const answer = (await cloud.openapi.security.mediaCheckAsync({
          mediaUrl: file.tempFileURL,
          mediaType: 2,
          version: 2,
          scene,
          openid,
        })) as { traceId?: string; trace_id?: string };
        const traceId = answer.traceId ?? answer.trace_id;
        if (traceId) started.push({ traceId, fileID: file.fileID });
      } catch (error) {
        console.warn(
          '[content] image check not started, retried by the timer',
          (error as { errCode?: number }).errCode,
        );
      }
    }
  } catch (error) {
    console.warn('[content] image checks not started, retried by the timer', (error as { errCode?: number }).errCode);
  }
  const startedIds = new Set(started.map((i) => i.fileID));
  return { started, unstarted: fileIds.filter((f) => !startedIds.has(f)) };
}

/**
 * Sends stored photos to WeChat's image check (mediaCheckAsync), in one write. The verdict arrives later as a
 * message push (`wxa_media_check`), handled by `mediaCheckResult`, which deletes a refused photo at once. A check
 * that cannot be started now is kept as unstarted and started by the `retryImageChecks` timer.
 */
export async function checkImages(
  openid: string,
  scene: TextScene,
  owner: PhotoOwner,
  fileIds: readonly string[],
): Promise<void> {
  if (fileIds.length === 0) return;
  const { started, unstarted } = await startChecks(openid, scene, fileIds);
  await db.collection(MEDIA_CHECKS_COLLECTION).add({
    data: {
      traceIds: started.map((i) => i.traceId),
      items: started,
      unstarted,
      scene,
      owner,
      openid,
      createdAt: new Date(),
    },
  });
}

/** Batches looked at by one run of the retry timer. */
const RETRY_PAGE = 50;

/** Starts the checks that could not be started before. Answers how many files are still waiting for a start. */
export async function retryImageChecks(): Promise<{ started: number; waiting: number }> {
  const batches = await rows<MediaCheckBatch>(
    db
      .collection(MEDIA_CHECKS_COLLECTION)
      .where({ 'unstarted.0': command.exists(true) })
      .limit(RETRY_PAGE),
  );
  let startedCount = 0;
  let waiting = 0;
  for (const batch of batches) {
    const { started, unstarted } = await startChecks(batch.openid, batch.scene ?? 3, batch.unstarted);
    startedCount += started.length;
    waiting += unstarted.length;
    if (started.length === 0) continue;
    await db
      .collection(MEDIA_CHECKS_COLLECTION)
      .doc(batch._id)
      .update({
        data: {
          items: command.push(started),
          traceIds: command.push(started.map((i) => i.traceId)),
          unstarted: command.set(unstarted),
        },
      });
  }
  return { started: startedCount, waiting };
}
