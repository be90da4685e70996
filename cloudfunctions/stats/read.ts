import { COUNTERS, DISTINCT_COUNTERS, type DistinctName } from '@honglin/types/metrics';
import { OPEN_PLEDGE_STATES } from '@honglin/types/pledge';
import type { Dashboard, Figures, Period, UnitBreakdown } from '@honglin/types/stats';
import { dayOf } from '@honglin/types/time';
import { command, db } from '../common/cloud';
import { count } from '../common/db';
import { COUNTERS_COLLECTION } from '../common/counters';
import {
  addSums,
  branchesWithAllThree,
  figuresOf,
  periodLabel,
  periodMonths,
  trendPoint,
  type DistinctCounts,
  type Sums,
} from '../common/domain/metrics';
import { invalidArgument } from '../common/errors';
import { dashboardUnit, type StatsUnit } from './scope';

const $ = command.aggregate;
const PLEDGES = 'pledges';

/** The months of the period asked for, or INVALID_ARGUMENT in words. */
export function monthsOf(period: Period): string[] {
  const months = periodMonths(period);
  if (typeof months === 'string') throw invalidArgument(months, [{ path: 'period', message: months }]);
  return months;
}

/** A row of the counters aggregate: a unit-month's summed shards, or a unit's distinct keys of one name. */
interface CounterRow {
  _id: { u: string; m: string; n: string; b: string };
  docs: number;
  /** Shard rows only: the sums, field c<i> for COUNTERS[i]. */
  sums: Record<`c${number}`, number> | null;
  /** Shard rows only: the latest bump; null when the shards are only prepared (nothing counted: no data). */
  counted: Date | null;
}

/** What one unit's counters say over the months: sums per month, distinct counts, branches per month. */
export interface UnitCounts {
  byMonth: Map<string, Sums>;
  distinct: DistinctCounts;
  /** month → branch → kinds held. */
  branchKinds: Map<string, Map<string, number>>;
}

/** Rows: units × months plus units × distinct names plus branch-months; the cloud answers 20 unless told. */
const AGGREGATE_LIMIT = 10000;

const field = (i: number) => `c${i}` as const;

/**
 * One aggregate over the counters of the units and months. Markers are written once per event, at its village
 * (or the town for the town organs' branch): when a town is read (`townId`), each marker also counts for the
 * town, so the town's distinct figures are its villages' keys grouped by (name, key), a key seen in two villages
 * once. The first group keeps one row per unit-month of shards (their counts pushed) and one per distinct
 * marker (months collapsed, except the branches' sessions); only shard rows are then summed, so the many markers
 * cost one cheap step each; the last group counts the distinct keys per unit and name (and the kinds per
 * branch-month).
 */
export async function readCounters(
  unitIds: readonly string[],
  months: readonly string[],
  townId?: string,
): Promise<Map<string, UnitCounts>> {
  const isMarker = $.neq([$.ifNull(['$name', '']), '']);
  const perMonthMarker = $.eq(['$name', 'activity.held']);
  const sums = Object.fromEntries(COUNTERS.map((name, i) => [field(i), $.sum(`$c.${name}`)]));
  const { list } = (await db
    .collection(COUNTERS_COLLECTION)
    .aggregate()
    .match({ unitId: command.in([...unitIds]), month: command.in([...months]) })
    .project({
      month: true,
      name: true,
      key: true,
      sub: true,
      counts: true,
      updatedAt: true,
      scope: townId ? $.cond([isMarker, ['$unitId', townId], ['$unitId']]) : ['$unitId'],
    })
    .unwind('$scope')
    .group({
      _id: {
        u: '$scope',
        m: $.cond([$.and([isMarker, $.not([perMonthMarker])]), '', '$month']),
        n: $.ifNull(['$name', '']),
        k: $.ifNull(['$key', '']),
        s: $.ifNull(['$sub', '']),
      },
      c: $.push('$counts'),
      t: $.max('$updatedAt'),
    })
    .project({ sums: $.cond([$.eq(['$_id.n', '']), sums, null]), t: true })
    .group({
      _id: { u: '$_id.u', m: '$_id.m', n: '$_id.n', b: $.cond([$.eq(['$_id.n', 'activity.held']), '$_id.k', '']) },
      docs: $.sum(1),
      sums: $.first('$sums'),
      counted: $.max('$t'),
    })
    .limit(AGGREGATE_LIMIT)
    .end()) as { list: CounterRow[] };

  const out = new Map<string, UnitCounts>();
  for (const row of list) {
    const { u, m, n, b } = row._id;
    let unit = out.get(u);
    if (!unit) out.set(u, (unit = { byMonth: new Map(), distinct: {}, branchKinds: new Map() }));
    if (!n) {
      if (!row.counted) continue;
      const monthSums: Sums = {};
      COUNTERS.forEach((name, i) => {
        const value = row.sums?.[field(i)] ?? 0;
        if (value) monthSums[name] = value;
      });
      unit.byMonth.set(m, addSums(unit.byMonth.get(m) ?? {}, monthSums));
    } else if (n === 'activity.held') {
      const branches = unit.branchKinds.get(m) ?? new Map<string, number>();
      branches.set(b, row.docs);
      unit.branchKinds.set(m, branches);
    } else if (DISTINCT_COUNTERS.includes(n as DistinctName)) {
      unit.distinct[n as DistinctName] = row.docs;
    }
  }
  return out;
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

function unitFigures(counts: UnitCounts | undefined, months: readonly string[], overdue: number): Figures | null {
  if (
    !counts ||
    (counts.byMonth.size === 0 && Object.keys(counts.distinct).length === 0 && counts.branchKinds.size === 0)
  ) {
    return null;
  }
  const sums: Sums = {};
  for (const s of counts.byMonth.values()) addSums(sums, s);
  const last = months[months.length - 1];
  return figuresOf({
    sums,
    distinct: counts.distinct,
    branchesAllThree: branchesWithAllThree(counts.branchKinds.get(last) ?? new Map()),
    overduePledgesNow: overdue,
  });
}

/**
 * The dashboard of a unit and period: counters of the unit and its villages in one aggregate, and the overdue
 * pledges in one count, side by side. With the runtime's caller read and the scope read: 4 round-trips.
 */
export async function buildDashboard(target: StatsUnit, period: Period, now: Date): Promise<Dashboard> {
  const months = monthsOf(period);
  const { unit, children } = target;
  const counted = unit.kind === 'town' ? [unit._id, ...children.map((c) => c._id)] : [unit._id];
  const [counts, overdue] = await Promise.all([
    readCounters(counted, months, unit.kind === 'town' ? unit._id : undefined),
    overduePledges(counted, now),
  ]);
  const own = counts.get(unit._id);
  const figures = unitFigures(own, months, overdue);
  // A town is broken down by village; a village's blocks keep no counters.
  const units: UnitBreakdown[] = (unit.kind === 'town' ? children : []).map((c) => ({
    unitId: c._id,
    name: c.name,
    // Overdue-now is read for the unit asked for only; villages show the period's work.
    figures: unitFigures(counts.get(c._id), months, 0),
  }));
  return {
    unit: dashboardUnit(unit),
    period,
    periodLabel: periodLabel(period),
    months,
    figures:
      figures ??
      (overdue > 0 ? figuresOf({ sums: {}, distinct: {}, branchesAllThree: 0, overduePledgesNow: overdue }) : null),
    trend: months.map((m) => trendPoint(m, own?.byMonth.get(m))),
    units,
  };
}
