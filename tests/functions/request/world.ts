import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvironment, startLocalCloud, type LocalCloud } from '../../../emulator/start';
import { fireTimer } from '../../../emulator/functions/timer';
import { readMediaChecks, readOutbox } from '../../../emulator/openapi/records';

/**
 * A small town in its own local cloud (built bundles, real wx-server-sdk) with one full ladder:
 * 鹿原镇 → 西草坪村 → 一片 → 一组 → 一邻 / 二邻, a second village, and a person in every role requests name.
 */
export const TOWN = 'town';
export const V1 = 'v-xcp';
export const K1 = 'k-xcp-1';
export const G1 = 'g-xcp-1';
export const N1 = 'n-xcp-1';
export const N2 = 'n-xcp-2';
export const V2 = 'v-other';
export const N9 = 'n-other-1';
export const B1 = 'b-xcp';

export const P = {
  villager: 'o-villager',
  neighbour: 'o-neighbour',
  villagerN2: 'o-villager-n2',
  head1: 'o-head-n1',
  head2: 'o-head-n2',
  groupHead: 'o-group-head',
  blockHead: 'o-block-head',
  member: 'o-member',
  secretary: 'o-secretary',
  villageAdmin: 'o-vadmin',
  otherAdmin: 'o-vadmin-other',
  otherMember: 'o-member-other',
  townAdmin: 'o-tadmin',
  homeless: 'o-nohome',
} as const;

export type Envelope = { ok: true; data: any } | { ok: false; error: { code: string; message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any

export const L1 = [TOWN, V1, K1, G1, N1];
export const L2 = [TOWN, V1, K1, G1, N2];
const L9 = [TOWN, V2, N9];

const grant = (role: string, unitPath: string[], branchId?: string) => ({
  role,
  unitId: unitPath[unitPath.length - 1],
  unitPath,
  ...(branchId ? { branchId } : {}),
  grantedAt: '2026-01-01T00:00:00.000Z',
  grantedBy: 'seed',
});

export interface World {
  cloud: LocalCloud;
  db: ReturnType<(typeof import('wx-server-sdk'))['database']>;
  call(fn: string, action: string, data: object, openid: string): Promise<Envelope>;
  roundTrips(fn: string, action: string, data: object, openid: string): Promise<{ answer: Envelope; trips: number }>;
  fire(fn: string, trigger: string): Promise<Envelope>;
  outbox(): ReturnType<typeof readOutbox>;
  mediaChecks(): ReturnType<typeof readMediaChecks>;
  /** Uploads a small picture to storage and gives its cloud:// file id. */
  upload(cloudPath: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startWorld(name: string): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `honglin-${name}-`));
  const cloud = await startLocalCloud({ dataDir });
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const db = sdk.database();

  const units: Array<[string, string, string, string[]]> = [
    [TOWN, 'town', '鹿原镇', [TOWN]],
    [V1, 'village', '西草坪村', [TOWN, V1]],
    [K1, 'block', '第一片', [TOWN, V1, K1]],
    [G1, 'group', '第一组', [TOWN, V1, K1, G1]],
    [N1, 'neighbourhood', '一邻', L1],
    [N2, 'neighbourhood', '二邻', L2],
    [V2, 'village', '东村', [TOWN, V2]],
    [N9, 'neighbourhood', '东村一邻', L9],
  ];
  for (const [order, [id, kind, unitName, unitPath]] of units.entries()) {
    await db.collection('units').add({
      data: {
        _id: id,
        kind,
        name: unitName,
        parentId: unitPath.length > 1 ? unitPath[unitPath.length - 2] : null,
        path: unitPath,
        order,
      },
    });
  }
  const people: Array<[string, string, string[] | null, object[], string?]> = [
    [P.villager, '张三', L1, []],
    [P.neighbour, '李四', L1, []],
    [P.villagerN2, '王五', L2, []],
    [P.head1, '赵邻长', L1, [grant('neighbour_head', L1)]],
    [P.head2, '钱邻长', L2, [grant('neighbour_head', L2)]],
    [P.groupHead, '孙组长', L1, [grant('group_head', [TOWN, V1, K1, G1])]],
    [P.blockHead, '周片长', L2, [grant('block_head', [TOWN, V1, K1])]],
    [P.member, '吴党员', L2, [grant('member', [TOWN, V1], B1)]],
    [P.secretary, '郑书记', L1, [grant('branch_secretary', [TOWN, V1], B1)]],
    [P.villageAdmin, '村管理员', null, [grant('village_admin', [TOWN, V1])]],
    [P.otherAdmin, '东村管理员', null, [grant('village_admin', [TOWN, V2])]],
    [P.otherMember, '东村党员', L9, [grant('member', [TOWN, V2], 'b-other')]],
    [P.townAdmin, '镇管理员', null, [grant('town_admin', [TOWN])]],
    [P.homeless, '新用户', null, []],
  ];
  for (const [openid, nickname, home, roles] of people) {
    await db.collection('users').add({
      data: {
        _id: openid,
        nickname,
        avatarUrl: '',
        roles,
        homeUnitId: home ? home[home.length - 1] : null,
        homeUnitPath: home ?? [],
        privacyAcceptedAt: new Date(),
        createdAt: new Date(),
      },
    });
  }

  const call = async (fn: string, action: string, data: object, openid: string): Promise<Envelope> => {
    const outcome = await cloud.invoke(fn, { ...data, action }, { openid });
    if (!outcome.ok) throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
    return JSON.parse(outcome.responseData) as Envelope;
  };
  return {
    cloud,
    db,
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
    async upload(cloudPath) {
      const { fileID } = await sdk.uploadFile({ cloudPath, fileContent: Buffer.from('photo') });
      return fileID;
    },
    async stop() {
      await cloud.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let sequence = 0;
/** A fresh client request id. */
export function rid(): string {
  sequence += 1;
  return `req${Date.now().toString(36)}${sequence}`;
}

export const ok = (answer: Envelope) => {
  if (!answer.ok) throw new Error(`expected ok, got ${JSON.stringify(answer.error)}`);
  return answer.data;
};
export const code = (answer: Envelope) => (answer.ok ? 'OK' : answer.error.code);
