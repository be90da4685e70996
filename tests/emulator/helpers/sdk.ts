import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvironment, startLocalCloud, type LocalCloud } from '../../../emulator/start';
import type { CollectionDeclaration } from '../../../emulator/db/declaration';

/** The real wx-server-sdk module (one instance per jest test file, which has its own module registry). */
export type WxServerSdk = typeof import('wx-server-sdk');

/**
 * wx-server-sdk's own typings declare every call as `Promise<R> | void | string` (callback style) and
 * transactions as `any`. Called without callbacks, as here, each returns the promise: these types say so.
 */
type Promised<T> = T extends new (...args: never[]) => unknown
  ? T
  : T extends (...args: infer A) => infer R
    ? (...args: A) => [Extract<R, Promise<unknown>>] extends [never] ? Promised<R> : Extract<R, Promise<unknown>>
    : T extends object
      ? { [K in keyof T]: Promised<T[K]> }
      : T;
type RawDatabase = ReturnType<WxServerSdk['database']>;
export type SdkCollection = Promised<ReturnType<RawDatabase['collection']>>;
export interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}
export type SdkDatabase = Omit<Promised<RawDatabase>, 'runTransaction' | 'startTransaction'> & {
  runTransaction<T>(run: (tx: SdkTransaction) => Promise<T>, retries?: number): Promise<T>;
  startTransaction(): Promise<SdkTransaction>;
};

export interface SdkCloud {
  cloud: LocalCloud;
  sdk: WxServerSdk;
  db: SdkDatabase;
  dataDir: string;
  /** Stops the local cloud and deletes its data folder. */
  cleanup(): Promise<void>;
}

export interface SdkCloudOptions {
  /** Collections to declare instead of the repository's cloudfunctions/database.json. */
  collections?: Partial<CollectionDeclaration>[];
  caller?: { openid?: string; appid?: string; unionid?: string };
  /** Reuse a data folder (e.g. to reopen after a crash); a fresh temp folder by default. */
  dataDir?: string;
}

/**
 * Starts a local cloud on a temp data folder and points the real wx-server-sdk at it through the
 * environment variables the cloud sets (TCB_WIRE.md).
 */
export async function startSdkCloud(options: SdkCloudOptions = {}): Promise<SdkCloud> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-cloud-'));
  let declarationFile: string | undefined;
  if (options.collections) {
    declarationFile = path.join(dataDir, 'declaration.json');
    const collections = options.collections.map((c) => ({ permission: 'ADMINONLY', indexes: [], ...c }));
    fs.writeFileSync(declarationFile, JSON.stringify({ collections }));
  }
  const cloud = await startLocalCloud({ dataDir, declarationFile });
  Object.assign(process.env, sdkEnvironment(cloud, options.caller));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as WxServerSdk;
  // wx-server-sdk types DYNAMIC_CURRENT_ENV as a symbol, but init accepts it as the env (its documented use).
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  return {
    cloud,
    sdk,
    db: sdk.database() as unknown as SdkDatabase,
    dataDir,
    async cleanup() {
      await cloud.stop();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
