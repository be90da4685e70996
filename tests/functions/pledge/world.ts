import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PledgeCreateInput } from '@honglin/types/pledge';
import { shanghai } from '@honglin/types/time';
import { extendWordList } from '../../../emulator/openapi/content-check';
import { readOutbox } from '../../../emulator/openapi/records';
import { REPO_ROOT, sdkEnvironment, startLocalCloud, type LocalCloud } from '../../../emulator/start';
import { bundleFunction } from '../../../scripts/build-functions';

/**
 * A small town in its own local cloud (built function bundles, the real wx-server-sdk), so each call's database
 * round-trips can be counted: two villages with a branch each, and a person in every part the pledge rules name.
 */
export const TOWN = 'pl-town';
export const V1 = 'pl-v1';
export const V2 = 'pl-v2';
export const NB1 = 'pl-v1-nb';
export const B1 = 'pl-b1';
export const B2 = 'pl-b2';

export const P = {
  member: 'pl-member',
  member2: 'pl-member2',
  /** A member of both branches (picks one, default the first). */
  twoBranches: 'pl-member-two',
  secretary: 'pl-sec1',
  otherSecretary: 'pl-sec2',
  otherMember: 'pl-member-other',
  villageAdmin: 'pl-vadmin',
  otherVillageAdmin: 'pl-vadmin2',
  townAdmin: 'pl-tadmin',
  resident: 'pl-resident',
  resident2: 'pl-resident2',
  outsider: 'pl-outsider',
} as const;

/** A word the local content check refuses (emulator/wordlist.txt). */
export const BANNED = '测试违规词';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field in the tests
export type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };

const grant = (role: string, unitPath: string[], branchId?: string) => ({
  role,
  unitId: unitPath[unitPath.length - 1],
  unitPath,
  ...(branchId ? { branchId } : {}),
  grantedAt: '2026-01-01T00:00:00.000Z',
  grantedBy: 'seed',
});

/** Database round-trips of one call, by kind (DESIGN.md §8 budgets reads and writes). */
export interface Trips {
  reads: number;
  writes: number;
  /** Transaction start, commit, abort. */
  control: number;
}

const READS = new Set(['getDocument', 'calculateDocument', 'aggregateDocuments']);
const CONTROL = new Set(['startTransaction', 'commitTransaction', 'abortTransaction']);

export interface World {
  db: ReturnType<(typeof import('wx-server-sdk'))['database']>;
  call(action: string, data: object, openid: string): Promise<Envelope>;
  /** The answer and the database round-trips of one call. */
  measured(action: string, data: object, openid: string): Promise<{ answer: Envelope; trips: Trips }>;
  upload(cloudPath: string): Promise<string>;
  outbox(touser: string): ReturnType<typeof readOutbox>;
  stop(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-pledge-'));
  // Its own bundle, inside the repository (so it resolves wx-server-sdk as a deployed one does): a rebuild of
  // dist/cloudfunctions by someone else mid-run must not pull the function away.
  fs.mkdirSync(path.join(REPO_ROOT, '.test-data'), { recursive: true });
  const functionsDir = fs.mkdtempSync(path.join(REPO_ROOT, '.test-data', 'pledge-'));
  await bundleFunction(
    path.join(REPO_ROOT, 'cloudfunctions', 'pledge', 'index.ts'),
    path.join(functionsDir, 'pledge'),
    'pledge',
  );
  const cloud: LocalCloud = await startLocalCloud({ dataDir, functionsDir });
  extendWordList(dataDir, [{ word: 'PLEDGE-BAD', label: 20006 }]);
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();

  // Every database request of the functions passes here: sort them by kind for the budgets.
  const tally: Trips = { reads: 0, writes: 0, control: 0 };
  const handle = cloud.db.handle.bind(cloud.db);
  cloud.db.handle = (body) => {
    const action = String(body.action ?? '').replace(/^database\./, '');
    if (READS.has(action)) tally.reads += 1;
    else if (CONTROL.has(action)) tally.control += 1;
    else tally.writes += 1;
    return handle(body);
  };

  const v1 = [TOWN, V1];
  const v2 = [TOWN, V2];
  const home1 = [TOWN, V1, NB1];
  const people: Array<[string, string, string[], object[]]> = [
    [P.member, '王建国', home1, [grant('member', v1, B1)]],
    [P.member2, '张党员', home1, [grant('member', v1, B1)]],
    [P.twoBranches, '两支部', home1, [grant('member', v1, B1), grant('member', v2, B2)]],
    [P.secretary, '周书记', home1, [grant('branch_secretary', v1, B1), grant('member', v1, B1)]],
    [P.otherSecretary, '孙书记', v2, [grant('branch_secretary', v2, B2)]],
    [P.otherMember, '赵党员', v2, [grant('member', v2, B2)]],
    [P.villageAdmin, '村管理员', v1, [grant('village_admin', v1)]],
    [P.otherVillageAdmin, '别村管理员', v2, [grant('village_admin', v2)]],
    [P.townAdmin, '镇管理员', [TOWN], [grant('town_admin', [TOWN])]],
    [P.resident, '李秀英', home1, []],
    [P.resident2, '刘大爷', home1, []],
    [P.outsider, '外村人', [TOWN, V2], []],
  ];
  for (const [openid, nickname, homeUnitPath, roles] of people) {
    await db.collection('users').add({
      data: {
        _id: openid,
        nickname,
        roles,
        homeUnitId: homeUnitPath[homeUnitPath.length - 1],
        homeUnitPath,
        createdAt: new Date(),
      },
    });
  }
  await db.collection('branches').add({ data: { _id: B1, name: '一村党支部', unitId: V1, unitPath: v1 } });
  await db.collection('branches').add({ data: { _id: B2, name: '二村党支部', unitId: V2, unitPath: v2 } });

  const call = async (action: string, data: object, openid: string): Promise<Envelope> => {
    const outcome = await cloud.invoke('pledge', { ...data, action }, { openid });
    if (!outcome.ok) throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
    return JSON.parse(outcome.responseData) as Envelope;
  };
  return {
    db,
    call,
    async measured(action, data, openid) {
      const before = { ...tally };
      const answer = await call(action, data, openid);
      return {
        answer,
        trips: {
          reads: tally.reads - before.reads,
          writes: tally.writes - before.writes,
          control: tally.control - before.control,
        },
      };
    },
    async upload(cloudPath) {
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: png });
      return fileID;
    },
    outbox: (touser) => readOutbox(dataDir).filter((m) => m.touser === touser),
    async stop() {
      await cloud.stop();
      for (const dir of [dataDir, functionsDir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;
/** A fresh client request id. */
export function rid(): string {
  sequence += 1;
  return `plreq${Date.now().toString(36)}${sequence}`;
}

export const inDays = (n: number) => shanghai().add(n, 'day').format('YYYY-MM-DD');
export const today = () => shanghai().format('YYYY-MM-DD');

/** A valid new pledge ("mother"); override what a test is about. */
export function aPledge(extra: Partial<PledgeCreateInput> = {}): PledgeCreateInput {
  return {
    requestId: rid(),
    category: 'residents',
    content: '每月为本组3户独居老人打扫一次卫生',
    target: '每月2次，共6户',
    dueDay: inDays(30),
    ...extra,
  };
}
