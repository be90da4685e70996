import { USER_CALLS, type UserContract } from '@honglin/types/contract/user';
import { cloudApi } from './cloudApi';

/** The `user` cloud function (people and roles), typed by its contract (docs/api/user.md). */
export const userApi = cloudApi<UserContract>('user', USER_CALLS);
