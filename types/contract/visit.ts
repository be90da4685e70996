import type {
  Coverage,
  LogVisitResult,
  NotVisited,
  VisitList,
  coverageInputSchema,
  listVisitsInputSchema,
  logVisitInputSchema,
  notVisitedInputSchema,
} from '../visit';
import type { Call, CallNames } from './action';

/** The `visit` cloud function (访一访, the three heads' monthly visits): docs/api/visit.md. */
export interface VisitContract {
  /** A head logs a visit to a household of their unit, with any problem found. */
  log: Call<typeof logVisitInputSchema, LogVisitResult>;
  /** A head's own visits of a month. */
  list: Call<typeof listVisitsInputSchema, VisitList>;
  /** The open households of a unit that no one visited this month. */
  notVisited: Call<typeof notVisitedInputSchema, NotVisited>;
  /** How far each head of a village has got with this month's visits. */
  coverage: Call<typeof coverageInputSchema, Coverage>;
}

export const VISIT_CALLS = {
  log: true,
  list: true,
  notVisited: true,
  coverage: true,
} as const satisfies CallNames<VisitContract>;
