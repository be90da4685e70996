import { STATS_CALLS, type StatsContract } from '@honglin/types/contract/stats';
import { cloudApi } from './cloudApi';

/** The `stats` cloud function (统计与报表), typed by its contract (docs/api/stats.md). */
export const statsApi = cloudApi<StatsContract>('stats', STATS_CALLS);
