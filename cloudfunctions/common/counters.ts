import type { CounterDeltas } from '@honglin/types/metrics';
import { monthOf } from '@honglin/types/time';
import { command } from './cloud';
import type { Tx } from './db';

/** wx-server-sdk reports `stats.updated`; inside a transaction the underlying SDK reports `updated`. */
interface UpdateResult {
  stats?: { updated?: number };
  updated?: number;
}

export const COUNTERS_COLLECTION = 'counters';

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

/**
 * Adds to the month counters of the event's village and town, inside the event's own transaction, so a figure
 * can never drift from the records it counts (the scheduled reconciliation checks that anyway).
 */
export async function bumpCounters(
  tx: Tx,
  unitPath: readonly string[],
  at: Date,
  deltas: CounterDeltas,
): Promise<void> {
  const entries = Object.entries(deltas).filter(([, n]) => n !== 0) as Array<[string, number]>;
  if (entries.length === 0) return;
  const month = monthOf(at);
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  for (const unitId of counterUnits(unitPath)) {
    const ref = tx.collection(COUNTERS_COLLECTION).doc(counterId(unitId, month, shard));
    const increments = Object.fromEntries(entries.map(([name, n]) => [`counts.${name}`, command.inc(n)]));
    const result = (await ref.update({ data: { ...increments, updatedAt: at } })) as UpdateResult;
    if (!(result.stats?.updated ?? result.updated)) {
      await ref.set({ data: { unitId, month, shard, counts: Object.fromEntries(entries), updatedAt: at } });
    }
  }
}
