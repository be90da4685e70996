import type {
  Dashboard,
  ExportResult,
  ReconcileInput,
  ReconcileReport,
  StatsInput,
  Summary,
} from '@honglin/types/stats';
import { callCloud } from './transport';

/** The `stats` cloud function (统计与报表), one typed call per action (docs/api/stats.md). */
export const statsApi = {
  dashboard: (input: StatsInput) => callCloud<Dashboard>('stats', 'dashboard', input),
  summary: (input: StatsInput) => callCloud<Summary>('stats', 'summary', input),
  export: (input: StatsInput) => callCloud<ExportResult>('stats', 'export', input),
  reconcile: (input: ReconcileInput) => callCloud<ReconcileReport>('stats', 'reconcile', input),
};
