import { createHash } from 'node:crypto';
import { logWatchedInputSchema, myLogInputSchema, type FilmLogEntry } from '@honglin/types/video';
import type { Page } from '@honglin/types/common';
import { dayOf } from '@honglin/types/time';
import { roles } from '../common/access';
import { db } from '../common/cloud';
import { byId } from '../common/db';
import { notFound } from '../common/errors';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { FILMS, FILM_LOG, toLogEntry, type FilmDoc, type FilmLogDoc } from './store';

/**
 * 自学记录: a member notes a film they watched on their own. Voluntary and private: no minutes, no totals,
 * no ranking; nobody but the member can read it (DESIGN.md §5).
 */
export const logWatched = defineAction({
  input: logWatchedInputSchema,
  access: roles(['member']),
  async handler(input, { openid, now }): Promise<FilmLogEntry> {
    const today = dayOf(now);
    const day = input.day ?? today;
    const film = await byId<FilmDoc>(FILMS, input.filmId);
    if (!film) throw notFound('这部影片已不在片库中');
    // One entry per request: a retried submit writes the same document again.
    const id = createHash('sha256').update(`${openid}:${input.requestId}`).digest('hex').slice(0, 32);
    const doc: FilmLogDoc = {
      _id: id,
      openid,
      filmId: film._id,
      title: film.title,
      kind: film.kind,
      day,
      createdAt: now,
    };
    const { _id, ...fields } = doc;
    await db.collection(FILM_LOG).doc(_id).set({ data: fields });
    return toLogEntry(doc);
  },
});

/** My own film log, newest first. Only ever the caller's entries. */
export const myLog = defineAction({
  input: myLogInputSchema,
  access: roles(['member']),
  async handler(input, { openid }): Promise<Page<FilmLogEntry>> {
    const page = await pageOf<FilmLogDoc>(db.collection(FILM_LOG), { openid }, 'day', input.cursor, input.size);
    return { ...page, items: page.items.map(toLogEntry) };
  },
});
