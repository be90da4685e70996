import * as z from 'zod';
import { DISTINCT_COUNTERS } from '@honglin/types/metrics';
import type { FoldReport } from '@honglin/types/stats';
import { system } from '../common/access';
import { command, db } from '../common/cloud';
import {
  COUNTERS_COLLECTION,
  COUNTER_SHARDS,
  SIGHTINGS_COLLECTION,
  addToShard,
  type MarkerDoc,
  type SightingsDoc,
  type SightingsRef,
} from '../common/counters';
import { inTransaction, rows, txGet, type Tx } from '../common/db';
import {
  contributionChange,
  latestMonth,
  sameSighting,
  sameSightings,
  type Sighting,
} from '../common/domain/metrics/distinct';
import type { Sums } from '../common/domain/metrics/sums';
import { cellOf } from '../common/domain/metrics/unitMonths';
import { defineAction } from '../common/runtime';

/** Adds counter changes (per `unit|month`) to one shard of each unit-month. */
async function applyChange(tx: Tx, change: ReadonlyMap<string, Sums>, at: Date): Promise<void> {
  const shard = Math.floor(Math.random() * COUNTER_SHARDS);
  for (const [cell, sums] of change) {
    const { unitId, month } = cellOf(cell);
    await addToShard(tx, unitId, month, shard, Object.entries(sums) as Array<[string, number]>, at);
  }
}

/** A key's sightings before and after a change, and the counter changes made with it (per `unit|month`). */
export interface SightingsChange {
  before: Sighting[];
  after: Sighting[];
  change: Map<string, Sums>;
}

/**
 * Inside a transaction: makes a key's sightings `next(current)` and moves the gap counters (and branches with all
 * three kinds) by exactly what that changes.
 */
export async function setSightings(
  tx: Tx,
  ref: SightingsRef,
  next: (current: readonly Sighting[]) => Sighting[],
  at: Date,
): Promise<SightingsChange> {
  const doc = await txGet<SightingsDoc>(tx, SIGHTINGS_COLLECTION, ref.id);
  const before = doc?.sightings ?? [];
  const after = next(before);
  if (sameSightings(before, after)) return { before, after: before, change: new Map() };
  const change = contributionChange(ref.name, ref.town, before, after);
  await applyChange(tx, change, at);
  const sightings = tx.collection(SIGHTINGS_COLLECTION).doc(ref.id);
  if (after.length === 0) await sightings.remove();
  else {
    await sightings.set({
      data: { town: ref.town, name: ref.name, key: ref.key, sightings: after, lastMonth: latestMonth(after) },
    });
  }
  return { before, after, change };
}

/**
 * Folds one marker: its sighting joins its key's (if new), the counters move with it, the marker goes. A marker
 * without its town or sightings id (not written by bumpCounters) is only removed: it cannot be folded, and the
 * reconciliation rebuilds every sighting from the records anyway. Returns whether it was folded.
 */
async function foldMarker(marker: MarkerDoc, at: Date): Promise<boolean> {
  if (typeof marker.town !== 'string' || typeof marker.seen !== 'string') {
    await db.collection(COUNTERS_COLLECTION).doc(marker._id).remove();
    return false;
  }
  const sighting: Sighting = { unitId: marker.unitId, month: marker.month, sub: marker.sub };
  const ref = { id: marker.seen, town: marker.town, name: marker.name, key: marker.key };
  await inTransaction(async (tx) => {
    await setSightings(
      tx,
      ref,
      (current) => (current.some((s) => sameSighting(s, sighting)) ? [...current] : [...current, sighting]),
      at,
    );
    await tx.collection(COUNTERS_COLLECTION).doc(marker._id).remove();
  });
  return true;
}

const PAGE = 100;

/**
 * Folds the waiting markers that match `where` (all of them, or a town's units), oldest month first, one
 * transaction each, until none is left or `deadline` (ms since the epoch) has passed.
 */
export async function foldMarkers(where: Record<string, unknown>, deadline: number, at: Date): Promise<FoldReport> {
  const report = { folded: 0, dropped: 0 };
  for (;;) {
    const page = await rows<MarkerDoc>(
      db
        .collection(COUNTERS_COLLECTION)
        .where({ ...where, name: command.in([...DISTINCT_COUNTERS]) })
        .orderBy('month', 'asc')
        .limit(PAGE),
    );
    for (const marker of page) {
      if (await foldMarker(marker, at)) report.folded += 1;
      else report.dropped += 1;
      if (Date.now() > deadline) return report;
    }
    if (page.length < PAGE) return report;
  }
}

/** How long one timer run folds before leaving the rest to the next (the function's timeout is 60 s). */
export const FOLD_SECONDS = 20;

/** The fold timer (every 10 minutes): the markers written since the last run. */
export const fold = defineAction({
  input: z.object({}),
  access: system,
  async handler(_input, ctx): Promise<FoldReport> {
    return foldMarkers({}, Date.now() + FOLD_SECONDS * 1000, ctx.now);
  },
});
