import * as z from 'zod';
import { DISTINCT_COUNTERS, type DistinctName } from '@honglin/types/metrics';
import { reconcileInputSchema, type ReconcileFix, type ReconcileReport } from '@honglin/types/stats';
import { monthRange } from '@honglin/types/time';
import { roles, system } from '../common/access';
import { command, db } from '../common/cloud';
import { inTransaction, rows } from '../common/db';
import {
  COUNTERS_COLLECTION,
  COUNTER_SHARDS,
  counterId,
  flattenCounts,
  markerId,
  markerKey,
  nestCounts,
  prepareCounterShards,
  type CounterDoc,
  type MarkerDoc,
} from '../common/counters';
import {
  addSums,
  counterDrift,
  rebuildCounters,
  recentMonths,
  shardMonths,
  type ActivityRecord,
  type PledgeRecord,
  type RecordSet,
  type RequestEventRecord,
  type RequestRecord,
  type Sums,
  type VisitRecord,
} from '../common/domain/metrics';
import { defineAction } from '../common/runtime';
import { UNITS, type UnitDoc } from '../common/org';
import { monthsOf } from './read';
import { RECONCILE_ROLES, statsScope, type StatsUnit } from './scope';

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

type StoredCounter = CounterDoc | MarkerDoc;
const isMarker = (d: StoredCounter): d is MarkerDoc => typeof (d as MarkerDoc).name === 'string';
const cellId = (unitId: string, month: string) => `${unitId}|${month}`;

/** The counted sums per unit-month from the stored shards. */
function countedSums(docs: readonly StoredCounter[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const d of docs) {
    if (isMarker(d)) continue;
    const id = cellId(d.unitId, d.month);
    out.set(id, addSums(out.get(id) ?? {}, flattenCounts(d.counts)));
  }
  return out;
}

async function readRecords(unitId: string, months: readonly string[]): Promise<RecordSet> {
  const start = monthRange(months[0]).start;
  const end = monthRange(months[months.length - 1]).end;
  const within = command.gte(start).and(command.lt(end));
  // A record with an event in the months was last changed no earlier than their start.
  const touched = command.gte(start);
  const [requests, requestEvents, pledges, activities, visits] = await Promise.all([
    readAll<RequestRecord>(
      'requests',
      { unitPath: unitId, updatedAt: touched },
      {
        unitPath: true,
        category: true,
        enterprise: true,
        responsibleKind: true,
        createdAt: true,
        firstResolvedAt: true,
      },
    ),
    readAll<RequestEventRecord>(
      'timeline',
      { subject: 'request', unitPath: unitId, at: within },
      { unitPath: true, event: true, at: true },
    ),
    readAll<PledgeRecord>(
      'pledges',
      { unitPath: unitId, updatedAt: touched },
      {
        unitPath: true,
        ownerId: true,
        submittedAt: true,
        approvedAt: true,
        completedAt: true,
        appraisedAt: true,
        'fulfilments.createdAt': true,
      },
    ),
    readAll<ActivityRecord>(
      'activities',
      { unitPath: unitId, month: command.in([...months]) },
      {
        unitPath: true,
        branchId: true,
        kind: true,
        month: true,
        status: true,
        attendance: true,
      },
    ),
    readAll<VisitRecord>(
      'visits',
      { unitPath: unitId, createdAt: within },
      { unitPath: true, householdKey: true, createdAt: true },
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
  const diffs = Object.fromEntries(
    Object.entries(drift).map(([name, [counted, rebuilt]]) => [name, rebuilt - counted]),
  );
  await inTransaction(async (tx) => {
    const ref = tx.collection(COUNTERS_COLLECTION).doc(counterId(unitId, month, 0));
    const increments = Object.fromEntries(Object.entries(diffs).map(([name, n]) => [`counts.${name}`, command.inc(n)]));
    const result = (await ref.update({ data: { ...increments, updatedAt: at } })) as {
      stats?: { updated?: number };
      updated?: number;
    };
    if (!(result.stats?.updated ?? result.updated)) {
      await ref.set({ data: { unitId, month, shard: 0, counts: nestCounts(diffs), updatedAt: at } });
    }
  });
}

/**
 * Recomputes the counters of the units (a town and its villages, or one village) for the months from the
 * records, and repairs what drifted: counter differences added to shard 0, missing distinct markers written,
 * stray ones removed. A unit-month whose counters move during the check is left for the next run.
 */
export async function reconcileUnits(
  target: StatsUnit,
  months: readonly string[],
  now: Date,
): Promise<ReconcileReport> {
  const { unit, children } = target;
  const unitIds = unit.kind === 'town' ? [unit._id, ...children.map((c) => c._id)] : [unit._id];
  const where = { unitId: command.in(unitIds), month: command.in([...months]) };
  const before = await readAll<StoredCounter>(COUNTERS_COLLECTION, where);
  const records = await readRecords(unit._id, months);
  const after = countedSums(
    await readAll<StoredCounter>(COUNTERS_COLLECTION, {
      ...where,
      shard: command.in([...Array(COUNTER_SHARDS).keys()]),
    }),
  );
  const counted = countedSums(before);
  const markersByCell = new Map<string, MarkerDoc[]>();
  for (const d of before) {
    if (!isMarker(d)) continue;
    const id = cellId(d.unitId, d.month);
    const list = markersByCell.get(id) ?? [];
    list.push(d);
    markersByCell.set(id, list);
  }
  const rebuilt = rebuildCounters(records, months);

  const fixes: ReconcileFix[] = [];
  const busy: ReconcileReport['busy'] = [];
  for (const unitId of unitIds) {
    for (const month of months) {
      const id = cellId(unitId, month);
      const countedNow = counted.get(id) ?? {};
      if (JSON.stringify(counterDrift(countedNow, after.get(id) ?? {})) !== '{}') {
        busy.push({ unitId, month });
        continue;
      }
      const expected = rebuilt.get(id);
      const drift = counterDrift(countedNow, expected?.counts ?? {});
      const wanted = new Map(
        (expected?.markers ?? []).map((m) => [markerId(unitId, month, m.name, m.key, m.sub), m] as const),
      );
      const stored = markersByCell.get(id) ?? [];
      const storedIds = new Set(stored.map((d) => d._id));
      const missing = [...wanted].filter(([mid]) => !storedIds.has(mid));
      const stray = stored.filter((d) => !wanted.has(d._id) && DISTINCT_COUNTERS.includes(d.name as DistinctName));
      if (Object.keys(drift).length > 0) await repairCounts(unitId, month, drift, now);
      for (const [mid, m] of missing) {
        await db
          .collection(COUNTERS_COLLECTION)
          .doc(mid)
          .set({ data: { unitId, month, name: m.name, key: markerKey(m.key), sub: m.sub } });
      }
      for (const d of stray) await db.collection(COUNTERS_COLLECTION).doc(d._id).remove();
      if (Object.keys(drift).length > 0 || missing.length > 0 || stray.length > 0) {
        fixes.push({ unitId, month, counters: drift, markersAdded: missing.length, markersRemoved: stray.length });
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
 * The nightly check (timer trigger): every town and its villages, last month and this month; then it prepares the
 * counter shards of this month (if missing) and next month for the town and every village, so the events' bumps
 * update shards that exist (one write per unit) instead of creating them.
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
      reports.push(await reconcileUnits({ unit: town, children }, months, ctx.now));
      await prepareCounterShards([town._id, ...children.map((c) => c._id)], shardMonths(ctx.now));
    }
    return reports;
  },
});
