import type {
  Dashboard,
  ExportResult,
  FoldReport,
  ReconcileReport,
  Summary,
  reconcileInputSchema,
  statsInputSchema,
} from '../stats';
import type { Call, CallNames, NoInput, Trigger } from './action';

/** The `stats` cloud function (统计与报表): docs/api/stats.md. */
export interface StatsContract {
  /** A unit's figures for a period, from the month counters. */
  dashboard: Call<typeof statsInputSchema, Dashboard>;
  /** The few headline figures of a unit for a period. */
  summary: Call<typeof statsInputSchema, Summary>;
  /** A unit's figures for a period as a spreadsheet. */
  export: Call<typeof statsInputSchema, ExportResult>;
  /** An admin recounts a unit's months from the records and repairs its counters. */
  reconcile: Call<typeof reconcileInputSchema, ReconcileReport>;
  /** Prepares this and next month's counter shards, then reconciles last and this month, for every town. */
  nightly: Trigger<'timer', NoInput, ReconcileReport[]>;
  /** Folds the markers written since the last run into the sightings and the gap counters they change. */
  fold: Trigger<'timer', NoInput, FoldReport>;
}

export const STATS_CALLS = {
  dashboard: true,
  summary: true,
  export: true,
  reconcile: true,
} as const satisfies CallNames<StatsContract>;
