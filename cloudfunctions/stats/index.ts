import { createMain } from '../common/runtime';
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
};

export const main = createMain('stats', actions);
