import { createHash } from 'node:crypto';
import type { CounterDeltas, DistinctDeltas, DistinctName } from '@honglin/types/metrics';
import { monthOf } from '@honglin/types/time';
import { command, db } from './cloud';
import { inTransaction, rows, txGet, type Tx } from './db';
import { markerUnit } from './domain/metrics';

/** wx-server-sdk reports `stats.updated`; inside a transaction the underlying SDK reports `updated`. */
interface UpdateResult {
  stats?: { updated?: number };
  updated?: number;
}

export const COUNTERS_COLLECTION = 'counters';

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

/** A distinct thing seen in a unit-month (see DISTINCT_COUNTERS); `key` is a hash, never the person's id. */
export interface MarkerDoc {
  _id: string;
  unitId: string;
  month: string;
  name: DistinctName;
  key: string;
  sub: string;
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

export function counterId(unitId: string, month: string, shard: number): string {
  return `${unitId}_${month}_${shard}`;
}

/** Distinct keys are stored hashed: the dashboard counts them and never needs to know whose they are. */
export function markerKey(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

export function markerId(unitId: string, month: string, name: DistinctName, key: string, sub = ''): string {
  return `${unitId}_${month}_${name}_${markerKey(key)}${sub ? `_${sub}` : ''}`;
}

/** `{'a.b': 1, 'a.c': 2}` → `{a: {b: 1, c: 2}}`: the shape `$inc` on `counts.a.b` keeps. */
export function nestCounts(flat: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, n] of Object.entries(flat)) {
    const parts = name.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = n;
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
 * marks what the event adds to a distinct figure: one idempotent write per name at the event's village
 * (`markerUnit`), no read.
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
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  if (entries.length > 0) {
    const increments = Object.fromEntries(entries.map(([name, n]) => [`counts.${name}`, command.inc(n)]));
    for (const unitId of counterUnits(unitPath)) {
      const ref = tx.collection(COUNTERS_COLLECTION).doc(counterId(unitId, month, shard));
      const result = (await ref.update({ data: { ...increments, updatedAt: at } })) as UpdateResult;
      if (!(result.stats?.updated ?? result.updated)) {
        const counts = nestCounts(Object.fromEntries(entries));
        await ref.set({ data: { unitId, month, shard, counts, updatedAt: at } });
      }
    }
  }
  const unitId = markerUnit(unitPath);
  for (const [name, { key, sub = '' }] of marks) {
    const marker = { unitId, month, name, key: markerKey(key), sub };
    await tx
      .collection(COUNTERS_COLLECTION)
      .doc(markerId(unitId, month, name, key, sub))
      .set({ data: marker });
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
