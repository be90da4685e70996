import { ORG_CALLS, type OrgContract } from '@honglin/types/contract/org';
import { cloudApi } from './cloudApi';

/** The `org` cloud function (units, branches, places, households), typed by its contract (docs/api/org.md). */
export const orgApi = cloudApi<OrgContract>('org', ORG_CALLS);
