import {
  GAP_BUCKETS,
  MAX_GAP,
  RANGE_DISTINCT,
  type CounterName,
  type DistinctName,
  type GapBucket,
  type RangeDistinctName,
} from '@honglin/types/metrics';
import { MAX_PERIOD_MONTHS } from '@honglin/types/stats';
import type { DistinctCounts, Sums } from './sums';
import { cellId, cellOf, organsUnitId } from './unitMonths';

/**
 * Distinct figures without reading the distinct things. Pure.
 *
 * Each month a key (a member, an enterprise, a household) is seen in is counted once, in that month's gap counter:
 * how many months before it was last seen (`gap.<name>.g<n>`, or `gn` for never). Over months a..b the key then
 * counts exactly once: in the first of its months m in a..b, the only one whose gap reaches back before a (gap >
 * m − a). So a period's distinct figure is a sum over its months' gap counters, whatever the period.
 *
 * Events only write a marker (unit, month, key); the stats timer folds markers into a key's sightings and the gap
 * counters in one transaction (cloudfunctions/stats/fold.ts). Markers not yet folded are few (since the last
 * run) and are added at read time: a key with a pending marker in the period counts unless a folded sighting
 * already puts it there.
 */

/** One folded sighting of a key: the unit its marker was written at, the month, and (activity.held) the kind. */
export interface Sighting {
  unitId: string;
  month: string;
  sub: string;
}

/** A marker not folded yet, with the sightings of its key folded so far (those in the months asked about suffice). */
export interface PendingMarker extends Sighting {
  name: DistinctName;
  key: string;
  folded: readonly Sighting[];
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const bucketGap = (bucket: GapBucket) => (bucket === 'gn' ? Infinity : Number(bucket.slice(1)));

export const isRangeDistinct = (name: DistinctName): name is RangeDistinctName =>
  (RANGE_DISTINCT as readonly string[]).includes(name);

/** The gap bucket of a month whose key was last seen in `previous` (undefined: never). */
export function gapBucket(month: string, previous: string | undefined): GapBucket {
  if (previous === undefined) return 'gn';
  const gap = monthIndex(month) - monthIndex(previous);
  return gap > MAX_GAP ? 'gn' : `g${gap}`;
}

/**
 * What the folded sightings of one key add to the month counters, per `unit|month`. A range figure: at each unit
 * the key was marked at (a village; a sighting at the town itself only joins the town's union) and at the town
 * over all of them, every month the key was seen in counts once, in its gap bucket. activity.held: each unit-month
 * where the branch held all three kinds adds one branch there and at its town.
 */
export function contributions(name: DistinctName, town: string, sightings: readonly Sighting[]): Map<string, Sums> {
  const out = new Map<string, Sums>();
  const add = (unitId: string, month: string, counter: CounterName) => {
    const id = cellId(unitId, month);
    const sums = out.get(id) ?? {};
    sums[counter] = (sums[counter] ?? 0) + 1;
    out.set(id, sums);
  };
  if (isRangeDistinct(name)) {
    const months = new Map<string, Set<string>>([[town, new Set()]]);
    for (const s of sightings) {
      months.get(town)?.add(s.month);
      // The town's own sightings (the town organs' branch) are also counted apart, for the organs' own row.
      const own = s.unitId === town ? organsUnitId(town) : s.unitId;
      months.set(own, (months.get(own) ?? new Set()).add(s.month));
    }
    for (const [unitId, seen] of months) {
      const sorted = [...seen].sort();
      sorted.forEach((month, i) => add(unitId, month, `gap.${name}.${gapBucket(month, sorted[i - 1])}`));
    }
    return out;
  }
  const kinds = new Map<string, Set<string>>();
  for (const s of sightings) {
    const id = cellId(s.unitId, s.month);
    kinds.set(id, (kinds.get(id) ?? new Set()).add(s.sub));
  }
  const allThree = new Set<string>();
  for (const [id, held] of kinds) {
    if (held.size < 3) continue;
    allThree.add(id);
    const { unitId, month } = cellOf(id);
    add(unitId, month, 'activity.branchesAllThree');
    add(unitId === town ? organsUnitId(town) : town, month, 'activity.branchesAllThree');
  }
  // The run of months with all three up to each such month: periods of any length ending there read it.
  for (const id of allThree) {
    const { unitId, month } = cellOf(id);
    let run = 1;
    while (run < MAX_PERIOD_MONTHS && allThree.has(cellId(unitId, monthAt(monthIndex(month) - run)))) run += 1;
    const counter = `activity.allThreeRun.r${run}` as CounterName;
    add(unitId, month, counter);
    add(unitId === town ? organsUnitId(town) : town, month, counter);
  }
  return out;
}

/** The counter changes, per `unit|month`, of a key's sightings going from `before` to `after`. */
export function contributionChange(
  name: DistinctName,
  town: string,
  before: readonly Sighting[],
  after: readonly Sighting[],
): Map<string, Sums> {
  const out = contributions(name, town, after);
  for (const [id, sums] of contributions(name, town, before)) {
    const into = out.get(id) ?? {};
    for (const [counter, n] of Object.entries(sums) as Array<[CounterName, number]>)
      into[counter] = (into[counter] ?? 0) - n;
    out.set(id, into);
  }
  for (const [id, sums] of out) {
    for (const [counter, n] of Object.entries(sums) as Array<[CounterName, number]>) if (n === 0) delete sums[counter];
    if (Object.keys(sums).length === 0) out.delete(id);
  }
  return out;
}

export const sameSighting = (a: Sighting, b: Sighting) =>
  a.unitId === b.unitId && a.month === b.month && a.sub === b.sub;

/** The latest month of sightings ('' for none). */
export const latestMonth = (sightings: readonly Sighting[]) =>
  sightings.reduce((last, s) => (s.month > last ? s.month : last), '');

/** The same sightings, in any order. */
export const sameSightings = (a: readonly Sighting[], b: readonly Sighting[]) =>
  a.length === b.length && a.every((s) => b.some((t) => sameSighting(s, t)));

/** A range figure over the months (oldest first), from each month's summed gap counters. */
export function distinctOverMonths(
  name: RangeDistinctName,
  months: readonly string[],
  byMonth: ReadonlyMap<string, Sums>,
): number {
  const start = monthIndex(months[0]);
  let total = 0;
  for (const month of months) {
    const sums = byMonth.get(month);
    if (!sums) continue;
    const offset = monthIndex(month) - start;
    for (const bucket of GAP_BUCKETS) if (bucketGap(bucket) > offset) total += sums[`gap.${name}.${bucket}`] ?? 0;
  }
  return total;
}

/** Every one of the months has all three kinds among the sightings. */
function allThreeEveryMonth(months: readonly string[], sightings: ReadonlyArray<Pick<Sighting, 'month' | 'sub'>>) {
  return months.every((m) => new Set(sightings.filter((s) => s.month === m).map((s) => s.sub)).size >= 3);
}

/**
 * What the markers not folded yet add to a unit's figures over the months: a key with a pending marker in the
 * months counts unless a folded sighting of it at the unit (at any unit, for a town) already falls in them; a
 * branch adds to the all-three count if its pending kinds complete every month of the period where its folded
 * kinds had not.
 */
export function pendingFigures(
  pending: readonly PendingMarker[],
  unitId: string,
  isTown: boolean,
  months: readonly string[],
): { distinct: DistinctCounts; branchesAllThree: number } {
  const inMonths = new Set(months);
  const atUnit = (s: Sighting) => isTown || s.unitId === unitId;
  const byKey = new Map<string, PendingMarker[]>();
  for (const m of pending) {
    if (!atUnit(m) || !inMonths.has(m.month)) continue;
    const id = `${m.name}|${m.key}`;
    byKey.set(id, [...(byKey.get(id) ?? []), m]);
  }
  const distinct: DistinctCounts = {};
  let branchesAllThree = 0;
  for (const markers of byKey.values()) {
    const { name, folded } = markers[0];
    const foldedHere = folded.filter(atUnit);
    if (isRangeDistinct(name)) {
      if (!foldedHere.some((s) => inMonths.has(s.month))) distinct[name] = (distinct[name] ?? 0) + 1;
      continue;
    }
    if (!allThreeEveryMonth(months, foldedHere) && allThreeEveryMonth(months, [...foldedHere, ...markers]))
      branchesAllThree += 1;
  }
  return { distinct, branchesAllThree };
}
