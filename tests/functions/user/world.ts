import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvironment, startLocalCloud, type LocalCloud } from '../../../emulator/start';
import { PRIVACY_VERSION } from '@honglin/types/user';
import { seedDemo } from '../../../emulator/seed/demo';

/**
 * The demo town (emulator/seed: 鹿原镇, its villages, branches, places and a persona per role) in a local cloud
 * of its own, with the built function bundles and the real wx-server-sdk.
 */
export type Envelope =
  | { ok: true; data: any } // eslint-disable-line @typescript-eslint/no-explicit-any
  | { ok: false; error: { code: string; message: string; details?: unknown } };

export type SdkDatabase = ReturnType<(typeof import('wx-server-sdk'))['database']>;

export interface DemoWorld {
  cloud: LocalCloud;
  db: SdkDatabase;
  call(openid: string, fn: string, action: string, data?: object): Promise<Envelope>;
  /** The answer and the database round-trips the call made (the emulator counts every request). */
  measured(openid: string, fn: string, action: string, data?: object): Promise<{ answer: Envelope; trips: number }>;
  /** Documents of a collection matching a condition. */
  find<T = Record<string, unknown>>(collection: string, condition: Record<string, unknown>): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startDemoWorld(name: string): Promise<DemoWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `honglin-${name}-`));
  const cloud = await startLocalCloud({ dataDir });
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();
  await seedDemo(db);

  const call = async (openid: string, fn: string, action: string, data: object = {}): Promise<Envelope> => {
    const outcome = await cloud.invoke(fn, { ...data, action }, { openid });
    if (!outcome.ok) throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
    return JSON.parse(outcome.responseData) as Envelope;
  };
  return {
    cloud,
    db,
    call,
    async measured(openid, fn, action, data = {}) {
      const before = cloud.db.roundTrips;
      const answer = await call(openid, fn, action, data);
      return { answer, trips: cloud.db.roundTrips - before };
    },
    async find<T>(collection: string, condition: Record<string, unknown>) {
      const result = (await db.collection(collection).where(condition).limit(1000).get()) as unknown as { data: T[] };
      return result.data;
    },
    async stop() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;
/** A fresh client request id. */
export function rid(prefix = 'req'): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ok(answer: Envelope): any {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.data;
}

export const codeOf = (answer: Envelope): string => (answer.ok ? 'OK' : answer.error.code);

/** A new person who has agreed to the privacy guideline (and so is stored), optionally with a home unit. */
export async function newPerson(world: DemoWorld, openid: string, profile: object = {}): Promise<void> {
  ok(await world.call(openid, 'user', 'acceptPrivacy', { version: PRIVACY_VERSION }));
  if (Object.keys(profile).length > 0) ok(await world.call(openid, 'user', 'updateProfile', profile));
}
