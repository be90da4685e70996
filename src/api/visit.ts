import type {
  Coverage,
  CoverageInput,
  ListVisitsInput,
  LogVisitInput,
  LogVisitResult,
  NotVisited,
  NotVisitedInput,
  VisitList,
} from '@honglin/types/visit';
import { callCloud } from './transport';

/** The `visit` cloud function (访一访), one typed call per action (docs/api/visit.md). */
export const visitApi = {
  log: (input: LogVisitInput) => callCloud<LogVisitResult>('visit', 'log', input),
  list: (input: ListVisitsInput) => callCloud<VisitList>('visit', 'list', input),
  notVisited: (input: NotVisitedInput) => callCloud<NotVisited>('visit', 'notVisited', input),
  coverage: (input: CoverageInput) => callCloud<Coverage>('visit', 'coverage', input),
};
