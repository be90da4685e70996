import type { DistinctName, RangeDistinctName } from '@honglin/types/metrics';
import {
  contributionChange,
  contributions,
  distinctOverMonths,
  gapBucket,
  pendingFigures,
  type PendingMarker,
  type Sighting,
} from '../../../../cloudfunctions/common/domain/metrics/distinct';
import { branchesAllThreeOver } from '../../../../cloudfunctions/common/domain/metrics/figures';
import { addSums, type Sums } from '../../../../cloudfunctions/common/domain/metrics/sums';
import { cellId, cellOf, organsUnitId } from '../../../../cloudfunctions/common/domain/metrics/unitMonths';

/**
 * The gap counters against the plain definition: over any months, the number of different keys seen in them
 * (at a village: marked there; at the town: anywhere in it). Generated sightings over four years, keys seen in
 * one or two villages and at the town itself, folded in random order, some still waiting as markers.
 */

const TOWN = 't';
const UNITS = ['t', 'v1', 'v2', 'v3'];
const MONTHS = Array.from(
  { length: 48 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const KINDS = ['lesson', 'film', 'practice'];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

interface Seen extends Sighting {
  key: string;
}

function generate(seed: number, name: DistinctName): Seen[] {
  const g = random(seed);
  const out: Seen[] = [];
  for (let k = 0; k < 40; k += 1) {
    const home = g.pick(UNITS);
    const busy = g.next();
    for (const month of MONTHS) {
      if (g.next() > busy * 0.3) continue;
      // A branch belongs to one unit; a member or a household may be marked in another village now and then.
      const unitId = name !== 'activity.held' && g.next() < 0.15 ? g.pick(UNITS) : home;
      // A branch holds one to three kinds of session in a month.
      const subs = name === 'activity.held' ? KINDS.filter(() => g.next() < 0.7) : [''];
      for (const sub of subs)
        if (!out.some((s) => s.key === `k${k}` && s.unitId === unitId && s.month === month && s.sub === sub))
          out.push({ key: `k${k}`, unitId, month, sub });
    }
  }
  return out;
}

/** The counters of every key's sightings, per unit → month. */
function counters(name: DistinctName, seen: readonly Seen[]): Map<string, Map<string, Sums>> {
  const out = new Map<string, Map<string, Sums>>();
  for (const key of new Set(seen.map((s) => s.key))) {
    for (const [cell, sums] of contributions(
      name,
      TOWN,
      seen.filter((s) => s.key === key),
    )) {
      const { unitId, month } = cellOf(cell);
      const unit = out.get(unitId) ?? new Map<string, Sums>();
      unit.set(month, addSums(unit.get(month) ?? {}, sums));
      out.set(unitId, unit);
    }
  }
  return out;
}

/**
 * About four in five sightings folded (their counters), the rest waiting as markers, and some folded ones marked
 * again by later events before the next fold.
 */
function foldSome(name: DistinctName, seen: readonly Seen[], seed: number) {
  const g = random(seed);
  const waiting = seen.filter(() => g.next() < 0.2);
  const folded = seen.filter((s) => !waiting.includes(s));
  const pending: PendingMarker[] = [...waiting, ...folded.filter(() => g.next() < 0.1)].map((s) => ({
    ...s,
    name,
    folded: folded.filter((f) => f.key === s.key),
  }));
  return { byUnit: counters(name, folded), pending };
}

const atUnit = (unitId: string) => (s: Sighting) => unitId === TOWN || s.unitId === unitId;

function periods(seed: number): string[][] {
  const g = random(seed);
  const out: string[][] = [];
  for (let i = 0; i < 60; i += 1) {
    const from = Math.floor(g.next() * MONTHS.length);
    const length = 1 + Math.floor(g.next() * Math.min(36, MONTHS.length - from));
    out.push(MONTHS.slice(from, from + length));
  }
  return out;
}

describe('distinct figures from gap counters', () => {
  it('gives the gap to the last month seen, and never for none or 36 months and more', () => {
    expect(gapBucket('2025-03', undefined)).toBe('gn');
    expect(gapBucket('2025-03', '2025-02')).toBe('g1');
    expect(gapBucket('2025-01', '2024-12')).toBe('g1');
    expect(gapBucket('2025-03', '2022-04')).toBe('g35');
    expect(gapBucket('2025-03', '2022-03')).toBe('gn');
  });

  it.each(['pledge.members', 'request.enterprises', 'visit.households'] as RangeDistinctName[])(
    '%s: every period of 1–36 months, at every village and the town, equals the different keys seen',
    (name) => {
      const seen = generate(7, name);
      const byUnit = counters(name, seen);
      for (const months of periods(11)) {
        for (const unitId of UNITS) {
          const keys = new Set(seen.filter((s) => atUnit(unitId)(s) && months.includes(s.month)).map((s) => s.key));
          const got = distinctOverMonths(name, months, byUnit.get(unitId) ?? new Map());
          expect({ unitId, from: months[0], to: months[months.length - 1], got }).toEqual({
            unitId,
            from: months[0],
            to: months[months.length - 1],
            got: keys.size,
          });
        }
      }
    },
  );

  it('folding sightings one at a time, in any order, moves the counters to those of all of them', () => {
    for (const name of ['visit.households', 'activity.held'] as DistinctName[]) {
      const seen = generate(3, name);
      const g = random(5);
      const shuffled = [...seen].sort(() => g.next() - 0.5);
      const total = new Map<string, Sums>();
      const folded = new Map<string, Sighting[]>();
      for (const s of shuffled) {
        const before = folded.get(s.key) ?? [];
        const after = [...before, s];
        for (const [cell, sums] of contributionChange(name, TOWN, before, after))
          total.set(cell, addSums(total.get(cell) ?? {}, sums));
        folded.set(s.key, after);
      }
      const whole = new Map<string, Sums>();
      for (const [unitId, months] of counters(name, seen))
        for (const [month, sums] of months) whole.set(cellId(unitId, month), sums);
      const nonZero = (m: Map<string, Sums>) =>
        new Map(
          [...m]
            .map(([cell, sums]) => [cell, Object.fromEntries(Object.entries(sums).filter(([, n]) => n !== 0))] as const)
            .filter(([, sums]) => Object.keys(sums).length > 0),
        );
      expect(nonZero(total)).toEqual(nonZero(whole));
    }
  });

  it('adds the markers still waiting exactly once: folded counters plus waiting markers equal all of them', () => {
    const name: RangeDistinctName = 'pledge.members';
    const seen = generate(13, name);
    const { byUnit, pending } = foldSome(name, seen, 17);
    for (const months of periods(19)) {
      for (const unitId of UNITS) {
        const expected = new Set(seen.filter((s) => atUnit(unitId)(s) && months.includes(s.month)).map((s) => s.key))
          .size;
        const waitingHere = pending.filter((p) => months.includes(p.month));
        const got =
          distinctOverMonths(name, months, byUnit.get(unitId) ?? new Map()) +
          (pendingFigures(waitingHere, unitId, unitId === TOWN, months).distinct[name] ?? 0);
        expect({ unitId, months: months.length, got }).toEqual({ unitId, months: months.length, got: expected });
      }
    }
  });

  it('counts a branch once in a month it held all three kinds, folded or waiting, at its village and the town', () => {
    const name: DistinctName = 'activity.held';
    const seen = generate(23, name);
    const { byUnit, pending } = foldSome(name, seen, 29);
    for (const month of MONTHS) {
      for (const unitId of UNITS) {
        const kinds = new Map<string, Set<string>>();
        for (const s of seen.filter((x) => x.month === month && atUnit(unitId)(x)))
          kinds.set(s.key, (kinds.get(s.key) ?? new Set()).add(s.sub));
        const expected = [...kinds.values()].filter((k) => k.size === 3).length;
        const counted = byUnit.get(unitId)?.get(month)?.['activity.branchesAllThree'] ?? 0;
        const waitingHere = pending.filter((p) => p.month === month);
        const got = counted + pendingFigures(waitingHere, unitId, unitId === TOWN, [month]).branchesAllThree;
        expect({ unitId, month, got }).toEqual({ unitId, month, got: expected });
      }
    }
  });

  it('counts the branches that held all three kinds in every month of any period, folded or waiting', () => {
    const name: DistinctName = 'activity.held';
    const seen = generate(31, name);
    const { byUnit, pending } = foldSome(name, seen, 37);
    for (const months of periods(41)) {
      for (const unitId of UNITS) {
        const here = seen.filter(atUnit(unitId));
        const expected = [...new Set(here.map((s) => s.key))].filter((key) =>
          months.every((m) => new Set(here.filter((s) => s.key === key && s.month === m).map((s) => s.sub)).size === 3),
        ).length;
        const last = byUnit.get(unitId)?.get(months[months.length - 1]);
        const got =
          branchesAllThreeOver(last, months.length) +
          pendingFigures(pending, unitId, unitId === TOWN, months).branchesAllThree;
        expect({ unitId, months: months.length, got }).toEqual({ unitId, months: months.length, got: expected });
      }
    }
  });

  it('keeps the town organs’ own distinct and all-three counters apart, from the sightings at the town itself', () => {
    for (const name of ['pledge.members', 'activity.held'] as const) {
      const seen = generate(43, name);
      const byUnit = counters(name, seen);
      const own = seen.filter((s) => s.unitId === TOWN);
      for (const months of periods(47)) {
        const organs = byUnit.get(organsUnitId(TOWN)) ?? new Map<string, Sums>();
        if (name === 'pledge.members') {
          const expected = new Set(own.filter((s) => months.includes(s.month)).map((s) => s.key)).size;
          expect(distinctOverMonths(name, months, organs)).toBe(expected);
        } else {
          const expected = [...new Set(own.map((s) => s.key))].filter((key) =>
            months.every(
              (m) => new Set(own.filter((s) => s.key === key && s.month === m).map((s) => s.sub)).size === 3,
            ),
          ).length;
          expect(branchesAllThreeOver(organs.get(months[months.length - 1]), months.length)).toBe(expected);
        }
      }
    }
  });
});
