import { COUNTERS, PLACE_COUNTER, type CounterName, type DistinctName } from '@honglin/types/metrics';

/**
 * Counter sums, the values every figure is computed from, and how they add up (the months of a period, the
 * shards of a unit-month). Pure.
 */

/** Counters of the catalogue (types/metrics.ts) summed over shards, months or units. */
export type Sums = Partial<Record<CounterName, number>>;
/** Per-place counters (`place.<id>.<kind>.held|people`), summed apart from the catalogue. */
export type PlaceSums = Record<string, number>;
/** Distinct figures of a period (members, enterprises, households …), counted apart (distinct.ts). */
export type DistinctCounts = Partial<Record<DistinctName, number>>;

/** Adds counter sums (e.g. the months of a period). */
export function addSums(into: Sums, more: Sums): Sums {
  for (const [name, value] of Object.entries(more)) {
    if (COUNTERS.includes(name as CounterName))
      into[name as CounterName] = (into[name as CounterName] ?? 0) + (value ?? 0);
  }
  return into;
}

/** Adds the per-place counters of a shard's (or a sum's) flat counts. */
export function addPlaceSums(into: PlaceSums, more: Record<string, number>): PlaceSums {
  for (const [name, value] of Object.entries(more))
    if (PLACE_COUNTER.test(name)) into[name] = (into[name] ?? 0) + (value ?? 0);
  return into;
}
