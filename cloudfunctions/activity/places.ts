import type { ActivityPlace, ActivityPlaceInput } from '@honglin/types/activity';
import type { PlaceKind } from '@honglin/types/org';
import { db } from '../common/cloud';
import { invalidArgument, notFound } from '../common/errors';
import { PLACES, type PlaceDoc } from '../common/org';
import { FILMS } from './store';

export interface FilmRef {
  _id: string;
  title: string;
}

/** A document with the registered place and the library films an input names, as read together. */
export type WithReferences<T> = T & { foundPlaces: PlaceDoc[]; foundFilms: FilmRef[] };

/**
 * One document (a branch to plan in, an activity to change) with the place and films the input names, in one
 * read: the names are looked up in the same query. Null when the document does not exist.
 */
export async function loadWithReferences<T>(
  collection: string,
  id: string,
  wanted: { place?: ActivityPlaceInput; filmIds?: readonly string[] },
): Promise<WithReferences<T> | null> {
  const placeIds = wanted.place && 'placeId' in wanted.place ? [wanted.place.placeId] : [];
  const filmIds = [...new Set(wanted.filmIds ?? [])];
  const { list } = (await db
    .collection(collection)
    .aggregate()
    .match({ _id: id })
    .addFields({ wantedPlaces: placeIds, wantedFilms: filmIds })
    .lookup({ from: PLACES, localField: 'wantedPlaces', foreignField: '_id', as: 'foundPlaces' })
    .lookup({ from: FILMS, localField: 'wantedFilms', foreignField: '_id', as: 'foundFilms' })
    .end()) as { list: Array<WithReferences<T> & { wantedPlaces?: unknown; wantedFilms?: unknown }> };
  const [found] = list;
  if (!found) return null;
  const { wantedPlaces: _places, wantedFilms: _films, ...doc } = found;
  return doc as WithReferences<T>;
}

/** A registered place (its name copied), as found with the document, or the field/site as described. */
export function resolvePlace(
  input: ActivityPlaceInput,
  found: readonly PlaceDoc[],
): ActivityPlace & { kind?: PlaceKind } {
  if ('description' in input) return { name: input.description.trim() };
  const place = found.find((p) => p._id === input.placeId);
  if (!place) throw notFound('找不到这个地点，请重新选择');
  return { placeId: place._id, name: place.name, kind: place.kind };
}

/** The chosen films from the library, with their titles, as found with the document; all must exist. */
export function resolveFilms(ids: readonly string[], found: readonly FilmRef[]): FilmRef[] {
  const byFilm = new Map(found.map((f) => [f._id, f.title]));
  const unique = [...new Set(ids)];
  if (unique.some((id) => !byFilm.has(id))) throw invalidArgument('有影片不在片库中，请重新选择');
  return unique.map((id) => ({ _id: id, title: byFilm.get(id) ?? '' }));
}
