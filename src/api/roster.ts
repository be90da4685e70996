import { ROSTER_CALLS, type RosterContract } from '@honglin/types/contract/roster';
import { cloudApi } from './cloudApi';

/** The `roster` cloud function (imports, exports, linking oneself), typed by its contract (docs/api/roster.md). */
export const rosterApi = cloudApi<RosterContract>('roster', ROSTER_CALLS);
