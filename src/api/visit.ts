import { VISIT_CALLS, type VisitContract } from '@honglin/types/contract/visit';
import { cloudApi } from './cloudApi';

/** The `visit` cloud function (访一访), typed by its contract (docs/api/visit.md). */
export const visitApi = cloudApi<VisitContract>('visit', VISIT_CALLS);
