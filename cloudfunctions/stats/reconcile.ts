import * as z from 'zod';
import { reconcileInputSchema, type ReconcileFix, type ReconcileReport } from '@honglin/types/stats';
import { monthRange } from '@honglin/types/time';
import { roles, system } from '../common/access';
import { command, db } from '../common/cloud';
import { inTransaction, rows } from '../common/db';
import {
  COUNTERS_COLLECTION,
  COUNTER_SHARDS,
  SIGHTINGS_COLLECTION,
  addToShard,
  flattenCounts,
  prepareCounterShards,
  sightingsOf,
  type CounterDoc,
  type SightingsDoc,
  type SightingsRef,
} from '../common/counters';
import { contributions, sameSighting, sameSightings, type Sighting } from '../common/domain/metrics/distinct';
import { recentMonths, shardMonths } from '../common/domain/metrics/periods';
import { counterDrift, rebuildCounters } from '../common/domain/metrics/rebuild';
import type {
  ActivityRecord,
  PledgeRecord,
  RecordSet,
  RequestEventRecord,
  RequestRecord,
  VisitRecord,
} from '../common/domain/metrics/records';
import { addPlaceSums, addSums, type PlaceSums, type Sums } from '../common/domain/metrics/sums';
import { cellId, organsUnitId } from '../common/domain/metrics/unitMonths';
import { defineAction } from '../common/runtime';
import { UNITS, type UnitDoc } from '../common/org';
import { foldMarkers, setSightings } from './fold';
import { monthsOf } from './read';
import { RECONCILE_ROLES, statsScope, type StatsUnit } from './scope';
import { COLLECTIONS } from '../common/collections';

const PAGE = 1000;

/** Every document of a query, page by page (a nightly job, not a user's wait). */
async function readAll<T>(
  collection: string,
  where: Record<string, unknown>,
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    let query = db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(PAGE);
    if (fields) query = query.field(fields);
    const page = await rows<T>(query);
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** The counted sums per unit-month from the stored shards. */
function countedSums(docs: readonly CounterDoc[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const d of docs) {
    const id = cellId(d.unitId, d.month);
    out.set(id, addSums(out.get(id) ?? {}, flattenCounts(d.counts)));
  }
  return out;
}

/** The per-place counters of the shards, per unit-month. */
function countedPlaces(docs: readonly CounterDoc[]): Map<string, PlaceSums> {
  const out = new Map<string, PlaceSums>();
  for (const d of docs) {
    const id = cellId(d.unitId, d.month);
    out.set(id, addPlaceSums(out.get(id) ?? {}, flattenCounts(d.counts)));
  }
  return out;
}

/**
 * The activities of the unit in the months, and the practices elsewhere that served an enterprise registered in it
 * (counted along the enterprise's path, see practiceServed).
 */
async function readActivities(unitId: string, months: readonly string[]): Promise<ActivityRecord[]> {
  const fields = {
    unitPath: true,
    branchId: true,
    kind: true,
    month: true,
    status: true,
    attendance: true,
    place: true,
    'practice.served': true,
    'practice.enterpriseKeys': true,
  };
  const month = command.in([...months]);
  const [own, served] = await Promise.all([
    readAll<ActivityRecord & { _id: string }>(COLLECTIONS.activities, { unitPath: unitId, month }, fields),
    readAll<ActivityRecord & { _id: string }>(
      COLLECTIONS.activities,
      { 'practice.served.unitPath': unitId, month },
      fields,
    ),
  ]);
  const ids = new Set(own.map((a) => a._id));
  return [...own, ...served.filter((a) => !ids.has(a._id))];
}

async function readRecords(unitId: string, months: readonly string[]): Promise<RecordSet> {
  const start = monthRange(months[0]).start;
  const end = monthRange(months[months.length - 1]).end;
  const within = command.gte(start).and(command.lt(end));
  // A record with an event in the months was last changed no earlier than their start.
  const touched = command.gte(start);
  const [requests, requestEvents, pledges, activities, visits] = await Promise.all([
    readAll<RequestRecord>(
      COLLECTIONS.requests,
      { unitPath: unitId, updatedAt: touched },
      {
        unitPath: true,
        category: true,
        enterprise: true,
        responsibleKind: true,
        createdAt: true,
        firstResolvedAt: true,
        firstAcceptedAt: true,
      },
    ),
    readAll<RequestEventRecord>(
      COLLECTIONS.timeline,
      { subject: 'request', unitPath: unitId, at: within },
      { unitPath: true, event: true, at: true },
    ),
    readAll<PledgeRecord>(
      COLLECTIONS.pledges,
      { unitPath: unitId, updatedAt: touched },
      {
        unitPath: true,
        ownerId: true,
        submittedAt: true,
        approvedAt: true,
        completedAt: true,
        appraisedAt: true,
        'fulfilments.createdAt': true,
        'fulfilments.day': true,
        'fulfilments.linkedRequestId': true,
      },
    ),
    readActivities(unitId, months),
    readAll<VisitRecord>(
      COLLECTIONS.visits,
      // Counted in the month of the visit's own day.
      { unitPath: unitId, month: command.in([...months]) },
      { unitPath: true, householdKey: true, date: true, createdAt: true, problems: true, helpedOnSpot: true },
    ),
  ]);
  return { requests, requestEvents, pledges, activities, visits };
}

/** Adds the differences to shard 0 of a unit-month (increments, so events counted meanwhile are kept). */
async function repairCounts(
  unitId: string,
  month: string,
  drift: Record<string, [number, number]>,
  at: Date,
): Promise<void> {
  const diffs = Object.entries(drift).map(([name, [counted, rebuilt]]) => [name, rebuilt - counted] as const);
  await inTransaction((tx) => addToShard(tx, unitId, month, 0, diffs, at));
}

type Tally = Map<string, { added: number; removed: number }>;

function tally(into: Tally, s: Sighting, what: 'added' | 'removed'): void {
  const id = cellId(s.unitId, s.month);
  const t = into.get(id) ?? { added: 0, removed: 0 };
  t[what] += 1;
  into.set(id, t);
}

/**
 * Recomputes the counters of the units (a town and its villages, or one village) for the months from the
 * records, and repairs what drifted. The waiting markers are folded first; then each key's sightings in the
 * unit-months are made what the records say (the gap counters move with them), and every counter of the
 * unit-months is compared with its rebuild: event counters from the records, gap counters (and branches with all
 * three kinds) from the keys' sightings. Differences are added to shard 0. A unit-month whose counters move while
 * the records are read is left for the next run.
 */
export async function reconcileUnits(
  target: StatsUnit,
  months: readonly string[],
  now: Date,
): Promise<ReconcileReport> {
  const { unit, children } = target;
  const town = unit.path[0];
  const unitIds = unit.kind === 'town' ? [unit._id, ...children.map((c) => c._id)] : [unit._id];
  const inScope = (s: Sighting) => unitIds.includes(s.unitId) && months.includes(s.month);
  await foldMarkers({ unitId: command.in(unitIds) }, Infinity, now);

  // A town's counters include the organs' own distinct counters (kept by the fold under organsUnitId).
  const counterUnits = unit.kind === 'town' ? [...unitIds, organsUnitId(unit._id)] : unitIds;
  const shards = {
    unitId: command.in(counterUnits),
    month: command.in([...months]),
    shard: command.in([...Array(COUNTER_SHARDS).keys()]),
  };
  const before = await readAll<CounterDoc>(COUNTERS_COLLECTION, shards);
  const counted = countedSums(before);
  const countedPlaceSums = countedPlaces(before);
  const records = await readRecords(unit._id, months);
  const reread = countedSums(await readAll<CounterDoc>(COUNTERS_COLLECTION, shards));
  const moved = new Set(
    [...new Set([...counted.keys(), ...reread.keys()])].filter(
      (id) => Object.keys(counterDrift(counted.get(id) ?? {}, reread.get(id) ?? {})).length > 0,
    ),
  );
  const rebuilt = rebuildCounters(records, months);

  const recorded = sightingsOf(rebuilt.values());
  // Only a key seen in one of the units in the months adds to their counters, so a village reads its own keys (by
  // the multikey index on the sightings' units), not every key of its town; a town reads all of its own.
  const seenHere = unit.kind === 'town' ? { town } : { 'sightings.unitId': unit._id };
  const stored = new Map(
    (await readAll<SightingsDoc>(SIGHTINGS_COLLECTION, { ...seenHere, lastMonth: command.gte(months[0]) })).map(
      (d) => [d._id, d] as const,
    ),
  );
  const tallies: Tally = new Map();
  const sightingCounts = new Map<string, Sums>();
  for (const id of new Set([...recorded.keys(), ...stored.keys()])) {
    const doc = stored.get(id);
    const ref: SightingsRef = recorded.get(id) ?? { id, town, name: doc!.name, key: doc!.key };
    // A practice read for an enterprise it served also marks its own unit, which may be out of scope.
    const wanted = (recorded.get(id)?.sightings ?? []).filter(inScope);
    let sightings = doc?.sightings ?? [];
    if (!sameSightings(sightings.filter(inScope), wanted)) {
      const result = await inTransaction((tx) =>
        setSightings(tx, ref, (current) => [...current.filter((s) => !inScope(s)), ...wanted], now),
      );
      for (const s of result.before.filter(inScope))
        if (!wanted.some((w) => sameSighting(w, s))) tally(tallies, s, 'removed');
      for (const w of wanted) if (!result.before.some((s) => sameSighting(s, w))) tally(tallies, w, 'added');
      for (const [cell, sums] of result.change) counted.set(cell, addSums(counted.get(cell) ?? {}, sums));
      sightings = result.after;
    }
    for (const [cell, sums] of contributions(ref.name, town, sightings))
      sightingCounts.set(cell, addSums(sightingCounts.get(cell) ?? {}, sums));
  }

  const fixes: ReconcileFix[] = [];
  const busy: ReconcileReport['busy'] = [];
  for (const unitId of counterUnits) {
    for (const month of months) {
      const id = cellId(unitId, month);
      if (moved.has(id)) {
        busy.push({ unitId, month });
        continue;
      }
      const countedNow = counted.get(id) ?? {};
      const expected = { ...rebuilt.get(id)?.counts, ...sightingCounts.get(id) };
      const drift = counterDrift(countedNow, expected, {
        counted: countedPlaceSums.get(id) ?? {},
        rebuilt: rebuilt.get(id)?.placeCounts ?? {},
      });
      if (Object.keys(drift).length > 0) await repairCounts(unitId, month, drift, now);
      const t = tallies.get(id);
      if (Object.keys(drift).length > 0 || t) {
        fixes.push({
          unitId,
          month,
          counters: drift,
          sightingsAdded: t?.added ?? 0,
          sightingsRemoved: t?.removed ?? 0,
        });
      }
    }
  }
  return { unitId: unit._id, months: [...months], checked: unitIds.length * months.length, fixes, busy };
}

/** 核对统计: an admin recomputes a unit's counters for a range of months and sees what was repaired. */
export const reconcile = defineAction({
  input: reconcileInputSchema,
  access: roles(RECONCILE_ROLES, statsScope),
  async handler(input, ctx): Promise<ReconcileReport> {
    const months = monthsOf({ kind: 'range', from: input.from, to: input.to });
    return reconcileUnits(ctx.resource, months, ctx.now);
  },
});

/**
 * The nightly run (timer trigger), for every town: first it prepares the counter shards of this month (if missing)
 * and next month for the town and every village, so the events' bumps update shards that exist (one write per unit)
 * instead of creating them; then it checks the town and its villages, last month and this month.
 */
export const nightly = defineAction({
  input: z.object({}),
  access: system,
  async handler(_input, ctx): Promise<ReconcileReport[]> {
    const months = recentMonths(ctx.now);
    const towns = await rows<UnitDoc>(db.collection(UNITS).where({ kind: 'town' }).limit(PAGE));
    const reports: ReconcileReport[] = [];
    for (const town of towns) {
      const children = await rows<UnitDoc>(db.collection(UNITS).where({ parentId: town._id }).limit(PAGE));
      const places = new Map();
      await prepareCounterShards([town._id, ...children.map((c) => c._id)], shardMonths(ctx.now));
      reports.push(await reconcileUnits({ unit: town, children, places }, months, ctx.now));
    }
    return reports;
  },
});
