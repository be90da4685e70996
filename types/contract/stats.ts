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
  /** A town admin recounts a unit's month from the records and compares it with the counters. */
  reconcile: Call<typeof reconcileInputSchema, ReconcileReport>;
  /** Timer: reconciles last month's counters and prepares the coming month's shards. */
  nightly: Trigger<'timer', NoInput, ReconcileReport[]>;
  /** Timer: folds the counter shards of finished months into one document each. */
  fold: Trigger<'timer', NoInput, FoldReport>;
}

export const STATS_CALLS = {
  dashboard: true,
  summary: true,
  export: true,
  reconcile: true,
} as const satisfies CallNames<StatsContract>;
