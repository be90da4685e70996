import { COUNTERS, RANGE_DISTINCT, type CounterName, type DistinctName } from '@honglin/types/metrics';
import { OPEN_PLEDGE_STATES } from '@honglin/types/pledge';
import type { Dashboard, Figures, Period, UnitBreakdown } from '@honglin/types/stats';
import { dayOf } from '@honglin/types/time';
import { command, db } from '../common/cloud';
import { count } from '../common/db';
import { COUNTERS_COLLECTION, flattenCounts, SIGHTINGS_COLLECTION } from '../common/counters';
import {
  distinctOverMonths,
  pendingFigures,
  type PendingMarker,
  type Sighting,
} from '../common/domain/metrics/distinct';
import { branchesAllThreeOver, figuresOf, trendPoint } from '../common/domain/metrics/figures';
import { periodLabel, periodMonths } from '../common/domain/metrics/periods';
import { addPlaceSums, addSums, type DistinctCounts, type PlaceSums, type Sums } from '../common/domain/metrics/sums';
import { organsUnitId } from '../common/domain/metrics/unitMonths';
import { invalidArgument } from '../common/errors';
import { dashboardUnit, type StatsUnit } from './scope';
import { COLLECTIONS } from '../common/collections';

const $ = command.aggregate;
const PLEDGES = COLLECTIONS.pledges;

/** The months of the period asked for, or INVALID_ARGUMENT in words. */
export function monthsOf(period: Period): string[] {
  const months = periodMonths(period);
  if (typeof months === 'string') throw invalidArgument(months, [{ path: 'period', message: months }]);
  return months;
}

/** A row of the counters aggregate: a unit-month's summed shards, or a marker not folded yet. */
interface CounterRow {
  _id: { u: string; m: string; n: DistinctName | ''; k: string; s: string };
  /** Shard rows only: the sums, field c<i> for COUNTERS[i]. */
  sums: Record<`c${number}`, number> | null;
  /** Shard rows only: the latest bump; null when the shards are only prepared (nothing counted: no data). */
  counted: Date | null;
  /** Marker rows: its key's folded sightings in the period. */
  folded: Sighting[];
  /** Shard rows: each shard's per-place counters (`counts.place`). */
  places?: unknown[];
}

/** What the counters say for the units over the months: sums per unit and month, and the markers still waiting. */
export interface CounterSnapshot {
  /** unit → month → sums (months with something counted only). */
  byUnit: Map<string, Map<string, Sums>>;
  /** unit → per-place counters summed over the months. */
  placesByUnit: Map<string, PlaceSums>;
  pending: PendingMarker[];
}

/** Rows: units × months plus the markers waiting; the cloud answers 20 unless told. */
const AGGREGATE_LIMIT = 10000;

const field = (i: number) => `c${i}` as const;

/**
 * One aggregate over the counters of the units and months: the shards of each unit-month summed (the sums computed
 * in the database, so the answer stays small), and the markers the fold timer has not folded yet, each with its
 * key's sightings so far in the period (`$lookup` by id).
 */
export async function readCounters(unitIds: readonly string[], months: readonly string[]): Promise<CounterSnapshot> {
  const sums = Object.fromEntries(COUNTERS.map((name, i) => [field(i), $.sum(`$c.${name}`)]));
  const { list } = (await db
    .collection(COUNTERS_COLLECTION)
    .aggregate()
    .match({ unitId: command.in([...unitIds]), month: command.in([...months]) })
    .lookup({ from: SIGHTINGS_COLLECTION, localField: 'seen', foreignField: '_id', as: 'folded' })
    // Only a key's sightings in the period matter (pendingFigures): the answer stays small however long its history.
    .project({
      unitId: true,
      month: true,
      name: true,
      key: true,
      sub: true,
      counts: true,
      updatedAt: true,
      folded: $.filter({
        input: $.ifNull([$.arrayElemAt(['$folded.sightings', 0]), []]),
        as: 's',
        cond: $.in(['$$s.month', [...months]]),
      }),
    })
    .group({
      _id: {
        u: '$unitId',
        m: '$month',
        n: $.ifNull(['$name', '']),
        k: $.ifNull(['$key', '']),
        s: $.ifNull(['$sub', '']),
      },
      c: $.push('$counts'),
      counted: $.max('$updatedAt'),
      folded: $.first('$folded'),
    })
    .project({ sums: $.cond([$.eq(['$_id.n', '']), sums, null]), counted: true, folded: true, places: '$c.place' })
    .limit(AGGREGATE_LIMIT)
    .end()) as { list: CounterRow[] };

  const byUnit = new Map<string, Map<string, Sums>>();
  const placesByUnit = new Map<string, PlaceSums>();
  const pending: PendingMarker[] = [];
  for (const row of list) {
    const { u, m, n, k, s } = row._id;
    if (n) {
      pending.push({ unitId: u, month: m, name: n, key: k, sub: s, folded: row.folded });
      continue;
    }
    if (!row.counted) continue;
    const monthSums: Sums = {};
    COUNTERS.forEach((name, i) => {
      const value = row.sums?.[field(i)] ?? 0;
      if (value) monthSums[name] = value;
    });
    const unit = byUnit.get(u) ?? new Map<string, Sums>();
    unit.set(m, monthSums);
    byUnit.set(u, unit);
    const placeSums = placesByUnit.get(u) ?? {};
    for (const shard of Array.isArray(row.places) ? row.places : [])
      addPlaceSums(placeSums, flattenCounts(shard, 'place'));
    placesByUnit.set(u, placeSums);
  }
  return { byUnit, placesByUnit, pending };
}

/**
 * Open pledges past their due day now, on the walls of the units given (a village, or a town and its villages):
 * one count on the scalar `villageId`, which every index serves (an array field like unitPath is not indexed
 * by the local cloud).
 */
export async function overduePledges(wallUnitIds: readonly string[], now: Date): Promise<number> {
  return count(
    db.collection(PLEDGES).where({
      villageId: command.in([...wallUnitIds]),
      state: command.in([...OPEN_PLEDGE_STATES]),
      dueDay: command.lt(dayOf(now)),
    }),
  );
}

/** A unit's counters over the months: by month, and the per-place ones summed. */
interface UnitCounts {
  byMonth: Map<string, Sums>;
  places: PlaceSums;
}

const countsOf = (snapshot: CounterSnapshot, unitId: string): UnitCounts => ({
  byMonth: snapshot.byUnit.get(unitId) ?? new Map<string, Sums>(),
  places: snapshot.placesByUnit.get(unitId) ?? {},
});

/**
 * The town organs' own counters: the town's event counters less its villages' (every village event is counted at
 * both), and the distinct and all-three counters the fold keeps for the organs apart (organsUnitId).
 */
function organsCounts(snapshot: CounterSnapshot, town: string, villages: readonly string[]): UnitCounts {
  const own = countsOf(snapshot, organsUnitId(town));
  const whole = countsOf(snapshot, town);
  const byMonth = new Map<string, Sums>();
  for (const [month, sums] of whole.byMonth) {
    const rest: Sums = {};
    for (const [name, value] of Object.entries(sums) as Array<[CounterName, number]>) {
      if (APART.some((prefix) => name.startsWith(prefix))) continue;
      const less = villages.reduce((total, v) => total + (snapshot.byUnit.get(v)?.get(month)?.[name] ?? 0), 0);
      if (value - less) rest[name] = value - less;
    }
    byMonth.set(month, addSums(rest, own.byMonth.get(month) ?? {}));
  }
  const places: PlaceSums = { ...whole.places };
  for (const v of villages)
    for (const [name, value] of Object.entries(snapshot.placesByUnit.get(v) ?? {}))
      places[name] = (places[name] ?? 0) - value;
  for (const [month, sums] of byMonth) if (Object.keys(sums).length === 0) byMonth.delete(month);
  return { byMonth, places };
}

/** The counters the fold keeps per unit (distinct, all three): not the town's less its villages'. */
const APART = ['gap.', 'activity.allThreeRun.', 'activity.branchesAllThree'];

/** A unit's figures over the months, or null when nothing was counted for it in them. */
function unitFigures(
  snapshot: CounterSnapshot,
  { byMonth, places: placeSums }: UnitCounts,
  unitId: string,
  isTown: boolean,
  months: readonly string[],
  overdue: number,
  places: StatsUnit['places'],
): Figures | null {
  const waiting = pendingFigures(snapshot.pending, unitId, isTown, months);
  const anyWaiting = snapshot.pending.some((p) => isTown || p.unitId === unitId);
  if (byMonth.size === 0 && !anyWaiting && overdue === 0) return null;
  const sums: Sums = {};
  for (const s of byMonth.values()) addSums(sums, s);
  const distinct: DistinctCounts = {};
  for (const name of RANGE_DISTINCT)
    distinct[name] = distinctOverMonths(name, months, byMonth) + (waiting.distinct[name] ?? 0);
  const last = byMonth.get(months[months.length - 1]);
  return figuresOf({
    sums,
    placeSums,
    places,
    distinct,
    branchesAllThree: branchesAllThreeOver(last, months.length) + waiting.branchesAllThree,
    overduePledgesNow: overdue,
  });
}

/**
 * The dashboard of a unit and period: counters of the unit and its villages in one aggregate, and the overdue
 * pledges in one count, side by side. With the runtime's caller read and the scope read: 4 round-trips.
 */
export async function buildDashboard(target: StatsUnit, period: Period, now: Date): Promise<Dashboard> {
  const months = monthsOf(period);
  const { unit, children, places } = target;
  const isTown = unit.kind === 'town';
  const villages = children.map((c) => c._id);
  const walls = isTown ? [unit._id, ...villages] : [unit._id];
  const counted = isTown ? [...walls, organsUnitId(unit._id)] : walls;
  const [snapshot, overdue] = await Promise.all([readCounters(counted, months), overduePledges(walls, now)]);
  const figures = unitFigures(snapshot, countsOf(snapshot, unit._id), unit._id, isTown, months, overdue, places);
  // A town is broken down by village, and the town organs' branch has its own row, so the rows add up to the town;
  // a village's blocks keep no counters. Overdue-now is read for the unit asked for only.
  const units: UnitBreakdown[] = isTown
    ? [
        {
          unitId: unit._id,
          name: `${unit.name}机关`,
          townOrgans: true,
          figures: unitFigures(
            snapshot,
            organsCounts(snapshot, unit._id, villages),
            unit._id,
            false,
            months,
            0,
            places,
          ),
        },
        ...children.map((c) => ({
          unitId: c._id,
          name: c.name,
          figures: unitFigures(snapshot, countsOf(snapshot, c._id), c._id, false, months, 0, places),
        })),
      ]
    : [];
  return {
    unit: dashboardUnit(unit),
    period,
    periodLabel: periodLabel(period),
    months,
    figures,
    trend: months.map((m) => trendPoint(m, snapshot.byUnit.get(unit._id)?.get(m))),
    units,
  };
}
