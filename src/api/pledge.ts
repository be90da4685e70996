import { PLEDGE_CALLS, type PledgeContract } from '@honglin/types/contract/pledge';
import { cloudApi } from './cloudApi';

/** The `pledge` cloud function (承诺践诺), typed by its contract (docs/api/pledge.md). */
export const pledgeApi = cloudApi<PledgeContract>('pledge', PLEDGE_CALLS);
