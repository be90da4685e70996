import { useState } from 'react';
import { chooseImage } from '@tarojs/taro';
import type { ApiError } from '@honglin/types/envelope';
import { uploadImage } from '@/api/transport';

/** What one tap on 添加照片 gave: the files now in cloud storage, and the failure that stopped it, if any. */
export interface PhotosAdded {
  fileIDs: string[];
  error?: ApiError;
}

/**
 * Choosing photos and putting them in cloud storage, the same for every form with photos. `cloudPath(n)` names
 * the n-th photo of the form (0-based, counting those it has). Uploads stop at the first failure: the
 * photos before it are kept and the form says what went wrong.
 */
export function usePhotoUpload(max: number, cloudPath: (n: number) => string) {
  const [uploading, setUploading] = useState(false);

  /** Lets the person choose as many photos as `have` leaves room for; null when they cancel or there is none. */
  async function add(have: number): Promise<PhotosAdded | null> {
    const room = max - have;
    if (room <= 0) return null;
    const chosen = await chooseImage({ count: room, sizeType: ['compressed'] }).catch(() => null);
    if (!chosen) return null;
    setUploading(true);
    const fileIDs: string[] = [];
    let error: ApiError | undefined;
    for (const [i, path] of chosen.tempFilePaths.slice(0, room).entries()) {
      const answer = await uploadImage(path, cloudPath(have + i));
      if (!answer.ok) {
        error = answer.error;
        break;
      }
      fileIDs.push(answer.data.fileID);
    }
    setUploading(false);
    return { fileIDs, error };
  }

  return { add, uploading };
}
