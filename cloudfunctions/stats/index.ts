import type { StatsContract } from '@honglin/types/contract/stats';
import { createMain, type ServerActions } from '../common/runtime';
import { dashboard, summary } from './dashboard';
import { exportStats } from './export';
import { fold } from './fold';
import { nightly, reconcile } from './reconcile';

export const actions = {
  dashboard,
  summary,
  export: exportStats,
  reconcile,
  nightly,
  fold,
} satisfies ServerActions<StatsContract>;

export const main = createMain('stats', actions);
