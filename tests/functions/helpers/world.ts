import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fireTimer } from '../../../emulator/functions/timer';
import {
  readMediaChecks,
  readOutbox,
  type MediaCheckRecord,
  type OutboxMessage,
} from '../../../emulator/openapi/records';
import { REPO_ROOT, sdkEnvironment, startLocalCloud, type LocalCloud } from '../../../emulator/start';
import { bundleFunction } from '../../../scripts/build-functions';
import type { SubscriptionKind } from '@honglin/types/user';
import type { SubscriptionsDoc } from '../../../cloudfunctions/common/subscriptions';
import type { SdkDatabase, WxServerSdk } from './cloud';

/**
 * The base of every test world: a local cloud of its own (the built function bundles, or bundles made fresh for
 * it), the real wx-server-sdk pointed at it, and the calls, round-trip counts, timers and records a test reads.
 * Each domain's world.ts adds only its own town and people.
 */

export type Envelope =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in the tests
  { ok: true; data: any } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** A small PNG, as the app's upload stores. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export interface PrivateCloud {
  cloud: LocalCloud;
  sdk: WxServerSdk;
  db: SdkDatabase;
  /** Where the cloud keeps its data (records, word list). */
  dataDir: string;
  call(fn: string, action: string, data: object, openid: string): Promise<Envelope>;
  /** The answer and the database round-trips of one call (the emulator counts every request). */
  roundTrips(fn: string, action: string, data: object, openid: string): Promise<{ answer: Envelope; trips: number }>;
  /** Fires a function's timer trigger now. */
  fire(fn: string, trigger: string): Promise<Envelope>;
  /** Every subscribe message sent so far, oldest first. */
  outbox(): OutboxMessage[];
  /** Every image check asked for so far. */
  mediaChecks(): MediaCheckRecord[];
  /**
   * Lets `count` more messages of a kind be sent to a person: what that many accepted subscribe dialogs leave in
   * the store (user.reportSubscriptions adds one per acceptance; its own tests call it).
   */
  allowNotices(openid: string, kind: SubscriptionKind, count?: number): Promise<void>;
  /** Stores a file in cloud storage (a small PNG unless told), as the app's upload does, and gives its cloud:// id. */
  upload(cloudPath: string, content?: Buffer): Promise<string>;
  stop(): Promise<void>;
}

export interface PrivateCloudOptions {
  /**
   * Functions to bundle afresh for this cloud, inside the repository (so they resolve wx-server-sdk as deployed
   * ones do): a rebuild of dist/cloudfunctions by someone else mid-run must not pull them away. Without it the
   * cloud runs the built bundles of dist/cloudfunctions.
   */
  bundle?: string[];
}

export async function startPrivateCloud(name: string, options: PrivateCloudOptions = {}): Promise<PrivateCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `honglin-${name}-`));
  let functionsDir: string | undefined;
  if (options.bundle) {
    fs.mkdirSync(path.join(REPO_ROOT, '.test-data'), { recursive: true });
    functionsDir = fs.mkdtempSync(path.join(REPO_ROOT, '.test-data', `${name}-`));
    for (const fn of options.bundle) {
      await bundleFunction(path.join(REPO_ROOT, 'cloudfunctions', fn, 'index.ts'), path.join(functionsDir, fn), fn);
    }
  }
  const cloud = await startLocalCloud({ dataDir, ...(functionsDir ? { functionsDir } : {}) });
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as WxServerSdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });

  const call = async (fn: string, action: string, data: object, openid: string): Promise<Envelope> => {
    const outcome = await cloud.invoke(fn, { ...data, action }, { openid });
    if (!outcome.ok) throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
    return JSON.parse(outcome.responseData) as Envelope;
  };
  const db = sdk.database();
  return {
    cloud,
    sdk,
    db,
    dataDir,
    call,
    async roundTrips(fn, action, data, openid) {
      const before = cloud.db.roundTrips;
      const answer = await call(fn, action, data, openid);
      return { answer, trips: cloud.db.roundTrips - before };
    },
    async fire(fn, trigger) {
      const outcome = await fireTimer(cloud.functions, fn, trigger);
      if (!outcome || !outcome.ok) throw new Error(`timer failed: ${JSON.stringify(outcome)}`);
      return JSON.parse(outcome.responseData) as Envelope;
    },
    outbox: () => readOutbox(dataDir),
    mediaChecks: () => readMediaChecks(dataDir),
    async allowNotices(openid, kind, count = 1) {
      const store = db.collection('subscriptions');
      const found = (await store.where({ _id: openid }).get()) as unknown as { data: SubscriptionsDoc[] };
      const counts = { ...found.data[0]?.counts, [kind]: (found.data[0]?.counts[kind] ?? 0) + count };
      await store.doc(openid).set({ data: { counts, updatedAt: new Date() } });
    },
    async upload(cloudPath, content = PNG) {
      const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: content });
      return fileID;
    },
    async stop() {
      await cloud.stop();
      for (const dir of [dataDir, functionsDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A role grant as the seed writes it: on the last unit of unitPath, in a branch if given. */
export const grant = (role: string, unitPath: string[], branchId?: string) => ({
  role,
  unitId: unitPath[unitPath.length - 1],
  unitPath,
  ...(branchId ? { branchId } : {}),
  grantedAt: '2026-01-01T00:00:00.000Z',
  grantedBy: 'seed',
});

let sequence = 0;
/** A fresh client request id. */
export function rid(prefix = 'req'): string {
  sequence += 1;
  return `${prefix}${Date.now().toString(36)}${sequence}`;
}

/** The data of an ok answer; anything else fails the test with the error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in the tests
export function ok(answer: Envelope): any {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.data;
}

/** The error code of an answer, or 'OK'. */
export const code = (answer: Envelope): string => (answer.ok ? 'OK' : answer.error.code);
