/**
 * Photos are stored at once but shown to others only after WeChat's image check passed them. Until the verdict, the
 * record names them in `pendingPhotos` (written together with the photos), and only their uploader and the people
 * who handle the record see them, marked 图片审核中. The verdict (mediaCheckResult) takes a photo off that list, and a
 * refused one off the record and out of storage.
 */
export const PENDING_PHOTOS = 'pendingPhotos';

/** A record's photos still waiting for the image check's verdict. */
export interface WithPendingPhotos {
  pendingPhotos?: string[];
}

/** The pending list after photos were added: each named once (a photo sent again is checked again). */
export function withPending(pending: readonly string[] | undefined, added: readonly string[]): string[] {
  return [...new Set([...(pending ?? []), ...added])];
}

/**
 * The photos a viewer is shown: all of them, with the pending ones named, to who may see them pending; the checked
 * ones only to everyone else.
 */
export function photosFor(
  photos: readonly string[],
  pending: readonly string[] | undefined,
  seesPending: boolean,
): { photos: string[]; pendingPhotos?: string[] } {
  const waiting = photos.filter((p) => (pending ?? []).includes(p));
  if (!seesPending) return { photos: photos.filter((p) => !waiting.includes(p)) };
  return { photos: [...photos], ...(waiting.length > 0 ? { pendingPhotos: waiting } : {}) };
}
