/**
 * Database handles through the real wx-server-sdk: to a local cloud started on a data folder (the same
 * emulator `npm run dev` runs), or to a cloud environment with Tencent Cloud API keys.
 */
import path from 'node:path';
import { LOCAL_ENV, REPO_ROOT, sdkEnvironment, startLocalCloud } from '../../emulator/start';
import type { SdkDatabase } from './transfer';

export interface Connection {
  db: SdkDatabase;
  /** What the manifest records as the source or target. */
  label: string;
  close(): Promise<void>;
}

interface SdkInstance {
  database(): SdkDatabase;
}
interface WxServerSdk {
  /** An SDK instance with its own configuration, beside the module's default one. */
  createNewInstance(config: Record<string, string | undefined>): SdkInstance;
}

function sdk(): WxServerSdk {
  // Loaded when needed: requiring it reads the environment prepared just before.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('wx-server-sdk') as WxServerSdk;
}

/** The local cloud's default data folder, as `npm run dev` uses it. */
export function defaultDataDir(): string {
  return path.resolve(process.env.HONGLIN_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
}

/** Starts a local cloud on the data folder (not serving functions) and connects to it. */
export async function connectLocal(dataDir: string, declarationFile?: string): Promise<Connection> {
  const cloud = await startLocalCloud({ dataDir, declarationFile });
  // The variables the cloud sets in a function's process; they keep the SDK from probing for a real cloud.
  const environment = sdkEnvironment(cloud);
  Object.assign(process.env, environment);
  // Its own keys: several local clouds may be open at once (backup from one, restore to another), each
  // answering only the SDK that signs with its own secret.
  const instance = sdk().createNewInstance({
    env: LOCAL_ENV,
    serviceUrl: cloud.adminUrl,
    secretId: environment.TENCENTCLOUD_SECRETID,
    secretKey: environment.TENCENTCLOUD_SECRETKEY,
  });
  return { db: instance.database(), label: 'local', close: () => cloud.stop() };
}

/** Connects to a cloud environment with API keys (the keys of the account that owns it). */
export function connectCloud(
  env: string,
  keys: { secretId: string; secretKey: string; sessionToken?: string },
): Connection {
  const instance = sdk().createNewInstance({
    env,
    secretId: keys.secretId,
    secretKey: keys.secretKey,
    sessionToken: keys.sessionToken,
  });
  return { db: instance.database(), label: `cloud:${env}`, close: async () => undefined };
}
