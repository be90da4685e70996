import type { Page } from '@honglin/types/common';
import type {
  Film,
  FilmIdInput,
  FilmLogEntry,
  ListFilmsInput,
  LogWatchedInput,
  MyLogInput,
  SaveFilmInput,
} from '@honglin/types/video';
import { callCloud } from './transport';

/** The `video` cloud function (the film library and my private film log), docs/api/video.md. */
export const videoApi = {
  list: (input: ListFilmsInput = {}) => callCloud<Page<Film>>('video', 'list', input),
  get: (input: FilmIdInput) => callCloud<Film>('video', 'get', input),
  save: (input: SaveFilmInput) => callCloud<Film>('video', 'save', input),
  remove: (input: FilmIdInput) => callCloud<{ removed: boolean }>('video', 'remove', input),
  logWatched: (input: LogWatchedInput) => callCloud<FilmLogEntry>('video', 'logWatched', input),
  myLog: (input: MyLogInput = {}) => callCloud<Page<FilmLogEntry>>('video', 'myLog', input),
};
