import type { CounterDeltas, DistinctDeltas, DistinctName } from '@honglin/types/metrics';
import { monthOf } from '@honglin/types/time';
import { command, db } from './cloud';
import { inTransaction, rows, txGet, type Tx } from './db';
import type { Sighting } from './domain/metrics/distinct';
import { markerUnit, type UnitMonth } from './domain/metrics/unitMonths';
import { counterId, markerId, markerKey, nestCounts, sightingsId } from './domain/metrics/counterKeys';
import { COLLECTIONS } from './collections';

/** wx-server-sdk reports `stats.updated`; inside a transaction the underlying SDK reports `updated`. */
interface UpdateResult {
  stats?: { updated?: number };
  updated?: number;
}

export const COUNTERS_COLLECTION = COLLECTIONS.counters;

/** A shard of a unit-month's counters. `counts` is nested by the name's dots: counts.request.received. */
export interface CounterDoc {
  _id: string;
  unitId: string;
  month: string;
  shard: number;
  counts: Record<string, unknown>;
  /** Null while the shard is only prepared (see prepareCounterShards): nothing counted, the month has no data. */
  updatedAt: Date | null;
}

/**
 * A distinct thing seen in a unit-month (see DISTINCT_COUNTERS), waiting to be folded into its key's sightings
 * (`seen`, in SIGHTINGS_COLLECTION) and the gap counters; `key` is a hash, never the person's id.
 */
export interface MarkerDoc {
  _id: string;
  unitId: string;
  town: string;
  month: string;
  name: DistinctName;
  key: string;
  sub: string;
  seen: string;
}

/** One document per (town, distinct name, key): the months (and units, kinds) its markers were folded in. */
export const SIGHTINGS_COLLECTION = COLLECTIONS.counterSightings;

export interface SightingsDoc {
  _id: string;
  town: string;
  name: DistinctName;
  key: string;
  sightings: Sighting[];
  /** The latest month of the sightings (the reconciliation looks up the keys seen in its months by it). */
  lastMonth: string;
}

/** The units whose month counters an event bumps: its village (or community) and its town. */
export function counterUnits(unitPath: readonly string[]): string[] {
  return [...new Set(unitPath.slice(0, 2))];
}

/**
 * Each unit-month is spread over a few documents: every event of a village bumps its counters, and unrelated
 * events committing at once on one document would conflict. Figures sum the shards.
 */
export const COUNTER_SHARDS = 4;

/** A key's sightings document, by what identifies it. */
export interface SightingsRef {
  id: string;
  town: string;
  name: DistinctName;
  key: string;
}

/** The sightings the markers of rebuilt unit-months make (`rebuildCounters`), per key's sightings document. */
export function sightingsOf(cells: Iterable<UnitMonth>): Map<string, SightingsRef & { sightings: Sighting[] }> {
  const out = new Map<string, SightingsRef & { sightings: Sighting[] }>();
  for (const cell of cells) {
    for (const m of cell.markers) {
      const key = markerKey(m.key);
      const id = sightingsId(cell.town, m.name, key);
      const entry = out.get(id) ?? { id, town: cell.town, name: m.name, key, sightings: [] };
      entry.sightings.push({ unitId: cell.unitId, month: cell.month, sub: m.sub });
      out.set(id, entry);
    }
  }
  return out;
}

/** The counts of a stored shard as flat names (`request.received`), whatever way they were written. */
export function flattenCounts(counts: unknown, prefix = '', into: Record<string, number> = {}): Record<string, number> {
  if (typeof counts === 'number') into[prefix] = (into[prefix] ?? 0) + counts;
  else if (counts && typeof counts === 'object')
    for (const [k, v] of Object.entries(counts)) flattenCounts(v, prefix ? `${prefix}.${k}` : k, into);
  return into;
}

/**
 * Adds to the month counters of the event's village and town, inside the event's own transaction, so a figure
 * can never drift from the records it counts (the scheduled reconciliation checks that anyway). `distinct`
 * marks what the event adds to a distinct figure: one idempotent marker write per name at the event's village
 * (`markerUnit`), no read; the stats timer folds the markers into the gap counters (cloudfunctions/stats/fold.ts).
 *
 * Writes: one shard update per unit (2), plus one per distinct name. The nightly timer prepares this month's and
 * next month's shards of every town and village (`prepareCounterShards`), so the update finds its shard; only when
 * it has not (a village created since the last night, a fresh database) does the update miss and a `set` create
 * the shard: one more write per unit, that once.
 */
export async function bumpCounters(
  tx: Tx,
  unitPath: readonly string[],
  at: Date,
  deltas: CounterDeltas,
  distinct: DistinctDeltas = {},
): Promise<void> {
  const entries = Object.entries(deltas).filter(([, n]) => n !== 0) as Array<[string, number]>;
  const marks = Object.entries(distinct).filter(([, d]) => d && d.key) as Array<
    [DistinctName, { key: string; sub?: string }]
  >;
  if (entries.length === 0 && marks.length === 0) return;
  const month = monthOf(at);
  if (entries.length > 0) {
    const shard = Math.floor(Math.random() * COUNTER_SHARDS);
    for (const unitId of counterUnits(unitPath)) await addToShard(tx, unitId, month, shard, entries, at);
  }
  const unitId = markerUnit(unitPath);
  const town = unitPath[0];
  for (const [name, { key, sub = '' }] of marks) {
    const hashed = markerKey(key);
    const marker = { unitId, town, month, name, key: hashed, sub, seen: sightingsId(town, name, hashed) };
    await tx
      .collection(COUNTERS_COLLECTION)
      .doc(markerId(unitId, month, name, hashed, sub))
      .set({ data: marker });
  }
}

/**
 * Adds to the counts of one shard of a unit-month: one update, or when the shard does not exist yet (not prepared),
 * a `set` that creates it with the counts.
 */
export async function addToShard(
  tx: Tx,
  unitId: string,
  month: string,
  shard: number,
  entries: ReadonlyArray<readonly [string, number]>,
  at: Date,
): Promise<void> {
  const ref = tx.collection(COUNTERS_COLLECTION).doc(counterId(unitId, month, shard));
  const increments = Object.fromEntries(entries.map(([name, n]) => [`counts.${name}`, command.inc(n)]));
  const result = (await ref.update({ data: { ...increments, updatedAt: at } })) as UpdateResult;
  if (!(result.stats?.updated ?? result.updated)) {
    await ref.set({ data: { unitId, month, shard, counts: nestCounts(Object.fromEntries(entries)), updatedAt: at } });
  }
}

/**
 * The shards of a unit created in this transaction, for its month: written blind, as nothing can have counted in a
 * unit that did not exist. Only villages (and communities) and towns keep counters: call it for those.
 */
export async function prepareNewUnitShards(tx: Tx, unitId: string, month: string): Promise<void> {
  for (let shard = 0; shard < COUNTER_SHARDS; shard += 1) {
    await tx
      .collection(COUNTERS_COLLECTION)
      .doc(counterId(unitId, month, shard))
      .set({ data: { unitId, month, shard, counts: {}, updatedAt: null } });
  }
}

/** Shard ids looked up per query when preparing. */
const PREPARE_PAGE = 1000;

/**
 * Makes the counter shards of the units and months exist (counts {}, `updatedAt` null: nothing counted yet), so
 * that the events' bumps find them. Only missing shards are created, each in its own transaction that reads it
 * again first: a bump creating the same shard meanwhile wins, and nothing counted is ever overwritten.
 * Returns how many were created.
 */
export async function prepareCounterShards(unitIds: readonly string[], months: readonly string[]): Promise<number> {
  const wanted = unitIds.flatMap((unitId) =>
    months.flatMap((month) => [...Array(COUNTER_SHARDS).keys()].map((shard) => ({ unitId, month, shard }))),
  );
  const existing = new Set<string>();
  for (let i = 0; i < wanted.length; i += PREPARE_PAGE) {
    const ids = wanted.slice(i, i + PREPARE_PAGE).map((s) => counterId(s.unitId, s.month, s.shard));
    const found = await rows<{ _id: string }>(
      db
        .collection(COUNTERS_COLLECTION)
        .where({ _id: command.in(ids) })
        .field({ _id: true })
        .limit(PREPARE_PAGE),
    );
    for (const d of found) existing.add(d._id);
  }
  let created = 0;
  for (const { unitId, month, shard } of wanted) {
    const id = counterId(unitId, month, shard);
    if (existing.has(id)) continue;
    const made = await inTransaction(async (tx) => {
      if (await txGet(tx, COUNTERS_COLLECTION, id)) return false;
      await tx
        .collection(COUNTERS_COLLECTION)
        .doc(id)
        .set({ data: { unitId, month, shard, counts: {}, updatedAt: null } });
      return true;
    });
    if (made) created += 1;
  }
  return created;
}
