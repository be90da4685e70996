import type { Page } from '../common';
import type {
  Film,
  FilmLogEntry,
  filmIdInputSchema,
  listFilmsInputSchema,
  logWatchedInputSchema,
  myLogInputSchema,
  saveFilmInputSchema,
} from '../video';
import type { Call, CallNames } from './action';

/** The `video` cloud function (微视频片库 and my film log): docs/api/video.md. */
export interface VideoContract {
  /** A page of the film library, newest first. */
  list: Call<typeof listFilmsInputSchema, Page<Film>>;
  /** One film of the library. */
  get: Call<typeof filmIdInputSchema, Film>;
  /** A town admin adds a film or changes one. */
  save: Call<typeof saveFilmInputSchema, Film>;
  /** A town admin takes a film out of the library. */
  remove: Call<typeof filmIdInputSchema, { removed: boolean }>;
  /** A member notes a film they watched, in their private log. */
  logWatched: Call<typeof logWatchedInputSchema, FilmLogEntry>;
  /** A member's own film log, newest day first. */
  myLog: Call<typeof myLogInputSchema, Page<FilmLogEntry>>;
}

export const VIDEO_CALLS = {
  list: true,
  get: true,
  save: true,
  remove: true,
  logWatched: true,
  myLog: true,
} as const satisfies CallNames<VideoContract>;
