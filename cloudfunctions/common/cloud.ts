import cloud from 'wx-server-sdk';

/**
 * The one wx-server-sdk instance of a function, bound to the environment the function runs in.
 * (DYNAMIC_CURRENT_ENV is typed as a symbol by the SDK although init accepts it as the env.)
 */
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database();
export const command = db.command;
export type Database = typeof db;
export type Transaction = Parameters<Parameters<Database['runTransaction']>[0]>[0];
