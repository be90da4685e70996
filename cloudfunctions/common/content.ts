import { cloud, db } from './cloud';
import { contentRejected } from './errors';

/** WeChat's msgSecCheck scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export type TextScene = 1 | 2 | 3 | 4;

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

export const MEDIA_CHECKS_COLLECTION = 'media_checks';

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
