import { filmIdInputSchema, listFilmsInputSchema, saveFilmInputSchema, type Film } from '@honglin/types/video';
import type { Page } from '@honglin/types/common';
import { anyone, roles } from '../common/access';
import { checkText, SCENE } from '../common/content';
import { db } from '../common/cloud';
import { byId } from '../common/db';
import { conflict, notFound } from '../common/errors';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { FILMS, toFilm, type FilmDoc } from './store';

/** The film library, newest first, optionally of one kind (榜样 / 党史 / 警示教育). */
export const list = defineAction({
  input: listFilmsInputSchema,
  access: anyone,
  async handler(input): Promise<Page<Film>> {
    const page = await pageOf<FilmDoc>(
      db.collection(FILMS),
      input.kind ? { kind: input.kind } : {},
      'updatedAt',
      input.cursor,
      input.size,
    );
    return { ...page, items: page.items.map(toFilm) };
  },
});

export const get = defineAction({
  input: filmIdInputSchema,
  access: anyone,
  async handler(input): Promise<Film> {
    const film = await byId<FilmDoc>(FILMS, input.id);
    if (!film) throw notFound('这部影片已不在片库中');
    return toFilm(film);
  },
});

/** The town's organisation office adds a film (idempotent by request id) or changes one. */
export const save = defineAction({
  input: saveFilmInputSchema,
  access: roles(['town_admin']),
  async handler(input, { openid, now }): Promise<Film> {
    await checkText(openid, SCENE.post, [
      input.title,
      input.series,
      input.description,
      // Links are text others will open: checked like every other word of the film.
      ...input.where.flatMap((w) => ('platform' in w ? [w.platform, w.url] : [])),
    ]);
    const fields = {
      title: input.title,
      series: input.series ?? '',
      kind: input.kind,
      lengthMinutes: input.lengthMinutes,
      where: input.where,
      description: input.description,
      updatedAt: now,
    };
    if (input.id) {
      const existing = await byId<FilmDoc>(FILMS, input.id);
      if (!existing) throw notFound('这部影片已不在片库中');
      await db.collection(FILMS).doc(input.id).update({ data: fields });
      return toFilm({ ...existing, ...fields });
    }
    const id = `film_${input.requestId}`;
    const existing = await byId<FilmDoc>(FILMS, id);
    if (existing) {
      if (existing.createdBy !== openid) throw conflict('请求编号重复，请重新提交');
      return toFilm(existing);
    }
    const doc: FilmDoc = { _id: id, ...fields, createdBy: openid, createdAt: now };
    await db
      .collection(FILMS)
      .doc(id)
      .set({ data: { ...fields, createdBy: openid, createdAt: now } });
    return toFilm(doc);
  },
});

/** Takes a film out of the library. Sessions that showed it keep its title. */
export const remove = defineAction({
  input: filmIdInputSchema,
  access: roles(['town_admin']),
  async handler(input): Promise<{ removed: boolean }> {
    const result = (await db.collection(FILMS).doc(input.id).remove()) as { stats?: { removed?: number } };
    if (!result.stats?.removed) throw notFound('这部影片已不在片库中');
    return { removed: true };
  },
});
