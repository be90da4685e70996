import type { DistinctName } from '@honglin/types/metrics';
import type { PlaceSums, Sums } from './sums';

/**
 * Where counts are kept, pure: per unit (a village, or a town) and month, the unit a distinct marker is written at,
 * the town organs' own counts, and the `unit|month` ids that maps of counts are keyed by.
 */

/** A distinct key (a member, an enterprise, a household …) seen at a unit in a month; `sub`: the kind, for activity.held. */
export interface Marker {
  name: DistinctName;
  key: string;
  sub: string;
}

/**
 * The one unit an event's distinct markers are written at: its village (or community), or the town for the town
 * organs' branch whose path is just [town]. A town's distinct figures group the markers of the town and all its
 * villages by (name, key) when they are read, so a key seen in two villages counts once for the town.
 */
export function markerUnit(unitPath: readonly string[]): string {
  return unitPath[1] ?? unitPath[0];
}

/**
 * The counters of the town organs' branch on their own (records whose path is just [town]): the distinct figures
 * and all-three branches the fold counts apart under this id; the event counters are the town's less its villages'.
 */
export const organsUnitId = (town: string) => `${town}.organs`;

/** The id of a unit-month in maps of counts: `unit|month`. */
export const cellId = (unitId: string, month: string) => `${unitId}|${month}`;

/** The unit and month of a cellId. */
export function cellOf(id: string): { unitId: string; month: string } {
  const [unitId, month] = id.split('|');
  return { unitId, month };
}

/** The counts of one unit-month as the records give them (a reconciliation's rebuild, the demo seed). */
export interface UnitMonth {
  unitId: string;
  /** The town the unit is in (itself for a town). */
  town: string;
  month: string;
  counts: Sums;
  /** Per-place counters (`place.<id>.<kind>.held|people`). */
  placeCounts: PlaceSums;
  markers: Marker[];
  /** name|key|sub of the markers, to keep them distinct. */
  seen: Set<string>;
}
