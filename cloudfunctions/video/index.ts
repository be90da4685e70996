import { createMain } from '../common/runtime';
import { get, list, remove, save } from './library';
import { logWatched, myLog } from './log';

export const actions = { list, get, save, remove, logWatched, myLog };

export const main = createMain('video', actions);
