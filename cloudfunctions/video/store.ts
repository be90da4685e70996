import type { Film, FilmKind, FilmLogEntry, WatchWhere } from '@honglin/types/video';
import { COLLECTIONS } from '../common/collections';

export const FILMS = COLLECTIONS.films;
/** A member's own film log: read by nobody but them, never summed or ranked. */
export const FILM_LOG = COLLECTIONS.filmLog;

export interface FilmDoc {
  _id: string;
  title: string;
  series?: string;
  kind: FilmKind;
  lengthMinutes: number;
  where: WatchWhere[];
  description: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface FilmLogDoc {
  _id: string;
  openid: string;
  filmId: string;
  title: string;
  kind: FilmKind;
  day: string;
  createdAt: Date;
}

export function toFilm(doc: FilmDoc): Film {
  return {
    _id: doc._id,
    title: doc.title,
    ...(doc.series ? { series: doc.series } : {}),
    kind: doc.kind,
    lengthMinutes: doc.lengthMinutes,
    where: doc.where,
    description: doc.description,
    updatedAt: new Date(doc.updatedAt).toISOString(),
  };
}

export function toLogEntry(doc: FilmLogDoc): FilmLogEntry {
  return { _id: doc._id, filmId: doc.filmId, title: doc.title, kind: doc.kind, day: doc.day };
}
