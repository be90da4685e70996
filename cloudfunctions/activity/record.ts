import { recordActivityInputSchema, type Activity } from '@honglin/types/activity';
import { roles } from '../common/access';
import { checkImages, checkText, SCENE } from '../common/content';
import { cloud, command, db } from '../common/cloud';
import { rows } from '../common/db';
import { moveActivity } from './move';
import { enterpriseKey, practiceServed } from '../common/domain/metrics/bumps';
import type { ServedEnterprise } from '../common/domain/metrics/records';
import { PLACES, type PlaceDoc } from '../common/org';
import { invalidArgument } from '../common/errors';
import { withPending } from '../common/pendingPhotos';
import { defineAction } from '../common/runtime';
import { ACTIVITIES, MANAGERS, activityScope, allowed, countedAt, toActivity } from './store';

/**
 * The enterprises a practice served as they are counted (enterpriseKey): a name that is a registered enterprise of
 * the town is that place, counted along its registered place's path, so a practice and a 营商服务 request at one
 * enterprise count it once and in the same unit; any other name counts where the practice is.
 */
async function servedEnterprises(unitPath: readonly string[], names: readonly string[]): Promise<ServedEnterprise[]> {
  if (names.length === 0) return [];
  const registered = await rows<PlaceDoc>(
    db
      .collection(PLACES)
      .where({ kind: 'enterprise', name: command.in(names.map((n) => n.trim())) })
      .limit(100),
  );
  return names.map((name) => {
    const place = registered.find((p) => p.name === name.trim() && p.unitPath[0] === unitPath[0]);
    return place
      ? { key: enterpriseKey({ name, placeId: place._id }), unitPath: place.unitPath }
      : { key: enterpriseKey({ name }), unitPath: [...unitPath] };
  });
}

interface TempUrlAnswer {
  fileList?: Array<{ fileID: string; status?: number; tempFileURL?: string }>;
}

/** New photos must be files this app stored (an upload that failed or a made-up id is refused, nothing stored). */
async function checkStored(fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const { fileList = [] } = (await cloud.getTempFileURL({ fileList: [...fileIds] })) as TempUrlAnswer;
  const found = new Set(fileList.filter((f) => f.status === 0 && f.tempFileURL).map((f) => f.fileID));
  if (fileIds.some((id) => !found.has(id))) throw invalidArgument('有照片没有上传成功，请重新上传');
}

/** 活动记录: after the session, its summary, photos and, for a practice, what was done. */
export const record = defineAction({
  input: recordActivityInputSchema,
  access: roles(MANAGERS, activityScope),
  async handler(input, { openid, resource, now }): Promise<Activity> {
    allowed(resource.status, { type: 'record' });
    if (input.practice && resource.kind !== 'practice') throw invalidArgument('只有微实践需要填写走访企业和解决的诉求');
    await checkText(openid, SCENE.post, [input.summary, ...(input.practice?.enterprises ?? [])]);
    const added = input.photos.filter((p) => !resource.photos.includes(p));
    await checkStored(added);
    const served = input.practice ? await servedEnterprises(resource.unitPath, input.practice.enterprises) : [];
    const updated = await moveActivity({
      id: input.id,
      actor: openid,
      now,
      event: { type: 'record' },
      changes: (current) => ({
        summary: input.summary,
        photos: input.photos,
        pendingPhotos: withPending(
          (current.pendingPhotos ?? []).filter((p) => input.photos.includes(p)),
          added,
        ),
        ...(input.practice ? { practice: { ...input.practice, served } } : {}),
      }),
      // The enterprises served join the figures, in the month the practice took place.
      counters: (current) =>
        practiceServed(current.unitPath, { served }).map(({ unitPath, bump }) => ({
          bump,
          unitPath,
          at: countedAt(current),
        })),
    });
    // The image check answers later; a refused photo comes off the record then.
    await checkImages(openid, SCENE.post, { collection: ACTIVITIES, id: input.id, field: 'photos' }, added);
    return toActivity(updated, true);
  },
});
