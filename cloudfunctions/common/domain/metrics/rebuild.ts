import { COUNTERS, type CounterDeltas, type CounterName, type DistinctName } from '@honglin/types/metrics';
import { monthOf } from '@honglin/types/time';
import {
  activityHeld,
  dayMoment,
  EVENT_COUNTERS,
  fulfilmentAdded,
  HELD_STATUSES,
  pledgeFirstSubmitted,
  practiceServed,
  requestFirstResolved,
  requestEventBump,
  requestReceived,
  visitLogged,
  type CounterBump,
} from './bumps';
import type { RecordSet } from './records';
import { addPlaceSums, addSums, type PlaceSums, type Sums } from './sums';
import { cellId, markerUnit, type Marker, type UnitMonth } from './unitMonths';

/**
 * The counters rebuilt from the records, pure: what each unit-month should hold by the same definitions the events
 * bump (bumps.ts), and where the counted values drift from it. The reconciliation repairs the drift with these.
 */

/**
 * What the counters of each (village/town, month) in `months` should be, from the records: the same rule as
 * each event's bump, read back from the dates the records keep. `request.acceptedOnTime` is the one counter
 * the records cannot give (the time limit in force at each acceptance is not kept): it is left as counted.
 */
export function rebuildCounters(records: RecordSet, months: readonly string[]): Map<string, UnitMonth> {
  const wanted = new Set(months);
  const out = new Map<string, UnitMonth>();
  const cell = (unitPath: readonly string[], month: string): UnitMonth[] => {
    if (!wanted.has(month)) return [];
    return [...new Set(unitPath.slice(0, 2))].map((unitId) => {
      const id = cellId(unitId, month);
      let c = out.get(id);
      if (!c)
        out.set(
          id,
          (c = { unitId, town: unitPath[0], month, counts: {}, placeCounts: {}, markers: [], seen: new Set() }),
        );
      return c;
    });
  };
  const mark = (c: UnitMonth, marker: Marker) => {
    const id = `${marker.name}|${marker.key}|${marker.sub}`;
    if (c.seen.has(id)) return;
    c.seen.add(id);
    c.markers.push(marker);
  };
  // Counts at the village and the town; distinct markers at the event's marker unit only, as bumpCounters does.
  const add = (unitPath: readonly string[], c: UnitMonth, { deltas, distinct }: CounterBump) => {
    addSums(c.counts, deltas as Sums);
    addPlaceSums(c.placeCounts, deltas as Record<string, number>);
    if (c.unitId !== markerUnit(unitPath)) return;
    for (const [name, d] of Object.entries(distinct))
      if (d) mark(c, { name: name as DistinctName, key: d.key, sub: d.sub ?? '' });
  };
  const bump = (unitPath: readonly string[], at: Date | string | null | undefined, event: CounterBump) => {
    if (at) for (const c of cell(unitPath, monthOf(at))) add(unitPath, c, event);
  };
  const count = (deltas: CounterDeltas): CounterBump => ({ deltas, distinct: {} });

  for (const r of records.requests) {
    bump(r.unitPath, r.createdAt, requestReceived(r.category));
    if (r.firstResolvedAt) bump(r.unitPath, r.firstResolvedAt, requestFirstResolved(r, r.firstResolvedAt));
    bump(r.unitPath, r.firstAcceptedAt, count({ 'request.firstAccepted': 1 }));
  }
  for (const e of records.requestEvents) {
    if (EVENT_COUNTERS[e.event]) bump(e.unitPath, e.at, requestEventBump(e.event));
  }
  for (const p of records.pledges) {
    bump(p.unitPath, p.submittedAt, pledgeFirstSubmitted(p.ownerId));
    bump(p.unitPath, p.approvedAt, count({ 'pledge.approved': 1 }));
    bump(p.unitPath, p.completedAt, count({ 'pledge.completed': 1 }));
    bump(p.unitPath, p.appraisedAt, count({ 'pledge.appraised': 1 }));
    for (const f of p.fulfilments ?? [])
      bump(p.unitPath, f.day ? dayMoment(f.day) : f.createdAt, fulfilmentAdded(f.linkedRequestId));
  }
  for (const a of records.activities) {
    if (!HELD_STATUSES.includes(a.status)) continue;
    for (const c of cell(a.unitPath, a.month))
      add(a.unitPath, c, activityHeld(a.branchId, a, a.attendance?.present ?? 0));
    for (const { unitPath, bump } of practiceServed(a.unitPath, a.practice))
      for (const c of cell(unitPath, a.month)) add(unitPath, c, bump);
  }
  for (const v of records.visits)
    bump(
      v.unitPath,
      v.date ? dayMoment(v.date) : v.createdAt,
      visitLogged(v.householdKey, v.problems?.length ?? 0, v.helpedOnSpot ?? false),
    );
  for (const c of out.values()) {
    for (const [name, value] of Object.entries(c.counts)) if (value === 0) delete c.counts[name as CounterName];
    for (const [name, value] of Object.entries(c.placeCounts)) if (value === 0) delete c.placeCounts[name];
  }
  return out;
}

/** The counters the records cannot rebuild (the deadline in force at each acceptance is not kept). */
const UNREBUILDABLE: readonly CounterName[] = ['request.acceptedOnTime', 'request.firstAcceptedOnTime'];

/**
 * Counter names whose rebuilt value differs from the counted one: name → [counted, rebuilt]; the per-place
 * counters too, when given (flat names of both sides).
 */
export function counterDrift(
  counted: Sums,
  rebuilt: Sums,
  places?: { counted: PlaceSums; rebuilt: PlaceSums },
): Record<string, [number, number]> {
  const drift: Record<string, [number, number]> = {};
  if (places) {
    for (const name of new Set([...Object.keys(places.counted), ...Object.keys(places.rebuilt)])) {
      const a = places.counted[name] ?? 0;
      const b = places.rebuilt[name] ?? 0;
      if (a !== b) drift[name] = [a, b];
    }
  }
  for (const name of COUNTERS) {
    if (UNREBUILDABLE.includes(name)) continue;
    const a = counted[name] ?? 0;
    const b = rebuilt[name] ?? 0;
    if (a !== b) drift[name] = [a, b];
  }
  return drift;
}
