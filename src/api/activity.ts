import type * as z from 'zod';
import { ACTIVITY_CALLS, type ActivityContract } from '@honglin/types/contract/activity';
import { cloudApi } from './cloudApi';

const calls = cloudApi<ActivityContract>('activity', ACTIVITY_CALLS);

type ListInput = z.input<ActivityContract['list']['input']>;
type MonthInput = z.input<ActivityContract['month']['input']>;
/** The input of one view of `list` or `month`, without the view. */
type ViewInput<I, V> = Omit<Extract<I, { view: V }>, 'view'>;

/**
 * The `activity` cloud function (一月一课一片一实践), typed by its contract (docs/api/activity.md), with a call per
 * view of `list` and `month` for the pages.
 */
export const activityApi = {
  ...calls,
  branchList: (input: ViewInput<ListInput, 'branch'>) => calls.list({ view: 'branch', ...input }),
  unitList: (input: ViewInput<ListInput, 'unit'>) => calls.list({ view: 'unit', ...input }),
  myHistory: (input: ViewInput<ListInput, 'mine'> = {}) => calls.list({ view: 'mine', ...input }),
  roster: (input: ViewInput<ListInput, 'roster'>) => calls.list({ view: 'roster', ...input }),
  branchMonth: (input: ViewInput<MonthInput, 'branch'>) => calls.month({ view: 'branch', ...input }),
  unitMonth: (input: ViewInput<MonthInput, 'unit'>) => calls.month({ view: 'unit', ...input }),
  myMonth: (input: ViewInput<MonthInput, 'mine'>) => calls.month({ view: 'mine', ...input }),
};
