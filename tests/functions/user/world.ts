import { PRIVACY_VERSION } from '@honglin/types/user';
import { seedDemo } from '../../../emulator/seed/demo';
import type { LocalCloud } from '../../../emulator/start';
import type { SdkDatabase } from '../helpers/cloud';
import { ok, startPrivateCloud, type Envelope } from '../helpers/world';

export { code, ok, rid, type Envelope } from '../helpers/world';

/**
 * The demo town (emulator/seed: 鹿原镇, its villages, branches, places and a persona per role) in a local cloud
 * of its own, with the built function bundles and the real wx-server-sdk.
 */
export interface DemoWorld {
  cloud: LocalCloud;
  /** Where the cloud keeps its records (outbox, QR codes). */
  dataDir: string;
  db: SdkDatabase;
  call(openid: string, fn: string, action: string, data?: object): Promise<Envelope>;
  /** The answer and the database round-trips the call made (the emulator counts every request). */
  measured(openid: string, fn: string, action: string, data?: object): Promise<{ answer: Envelope; trips: number }>;
  /** Documents of a collection matching a condition. */
  find<T = Record<string, unknown>>(collection: string, condition: Record<string, unknown>): Promise<T[]>;
  /** Stores a file in cloud storage, as the app's upload does, and gives its cloud:// id. */
  upload(cloudPath: string, content: Buffer): Promise<string>;
  stop(): Promise<void>;
}

export async function startDemoWorld(name: string): Promise<DemoWorld> {
  const world = await startPrivateCloud(name);
  const { cloud, db } = world;
  await seedDemo(db);

  const call = (openid: string, fn: string, action: string, data: object = {}) => world.call(fn, action, data, openid);
  return {
    cloud,
    dataDir: world.dataDir,
    db,
    call,
    measured: (openid, fn, action, data = {}) => world.roundTrips(fn, action, data, openid),
    async find<T>(collection: string, condition: Record<string, unknown>) {
      const result = (await db.collection(collection).where(condition).limit(1000).get()) as unknown as { data: T[] };
      return result.data;
    },
    upload: (cloudPath, content) => world.upload(cloudPath, content),
    stop: () => world.stop(),
  };
}

/** A new person who has agreed to the privacy guideline (and so is stored), optionally with a home unit. */
export async function newPerson(world: DemoWorld, openid: string, profile: object = {}): Promise<void> {
  ok(await world.call(openid, 'user', 'acceptPrivacy', { version: PRIVACY_VERSION }));
  if (Object.keys(profile).length > 0) ok(await world.call(openid, 'user', 'updateProfile', profile));
}
