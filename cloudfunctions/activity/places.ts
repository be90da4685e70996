import type { ActivityPlace, ActivityPlaceInput } from '@honglin/types/activity';
import { command, db } from '../common/cloud';
import { byId, rows } from '../common/db';
import { invalidArgument, notFound } from '../common/errors';
import { PLACES, type PlaceDoc } from '../common/org';
import { FILMS } from './store';

/** A registered place by id (its name copied), or the field/site as described. */
export async function resolvePlace(input: ActivityPlaceInput): Promise<ActivityPlace> {
  if ('description' in input) return { name: input.description.trim() };
  const place = await byId<PlaceDoc>(PLACES, input.placeId);
  if (!place) throw notFound('找不到这个地点，请重新选择');
  return { placeId: place._id, name: place.name };
}

/** The chosen films from the library, with their titles; all must exist. */
export async function resolveFilms(ids: readonly string[]): Promise<Array<{ _id: string; title: string }>> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const found = await rows<{ _id: string; title: string }>(
    db
      .collection(FILMS)
      .where({ _id: command.in(unique) })
      .field({ _id: true, title: true })
      .limit(unique.length),
  );
  if (found.length !== unique.length) throw invalidArgument('有影片不在片库中，请重新选择');
  const byFilm = new Map(found.map((f) => [f._id, f.title]));
  return unique.map((id) => ({ _id: id, title: byFilm.get(id) ?? '' }));
}
