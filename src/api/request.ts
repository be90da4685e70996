import { REQUEST_CALLS, type RequestContract } from '@honglin/types/contract/request';
import { cloudApi } from './cloudApi';

/** The `request` cloud function (民生诉求), typed by its contract (docs/api/request.md). */
export const requestApi = cloudApi<RequestContract>('request', REQUEST_CALLS);
