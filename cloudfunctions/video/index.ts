import type { VideoContract } from '@honglin/types/contract/video';
import { createMain, type ServerActions } from '../common/runtime';
import { get, list, remove, save } from './library';
import { logWatched, myLog } from './log';

export const actions = { list, get, save, remove, logWatched, myLog } satisfies ServerActions<VideoContract>;

export const main = createMain('video', actions);
