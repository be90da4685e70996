import { VIDEO_CALLS, type VideoContract } from '@honglin/types/contract/video';
import { cloudApi } from './cloudApi';

/** The `video` cloud function (the film library and my private film log), typed by its contract (docs/api/video.md). */
export const videoApi = cloudApi<VideoContract>('video', VIDEO_CALLS);
