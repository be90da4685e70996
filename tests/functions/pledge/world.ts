import type { PledgeCreateInput } from '@honglin/types/pledge';
import { shanghai } from '@honglin/types/time';
import { extendWordList } from '../../../emulator/openapi/content-check';
import type { OutboxMessage } from '../../../emulator/openapi/records';
import { grant, rid, startPrivateCloud, type Envelope, type PrivateCloud } from '../helpers/world';

export { ok, rid, type Envelope } from '../helpers/world';

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

/** Resident requests (民生诉求) a pledge or a fulfilment may (or may not) link to. */
export const REQ = { resolved: 'req-road-light', open: 'req-still-open', otherVillage: 'req-other-village' } as const;

/** A word the local content check refuses (emulator/wordlist.txt). */
export const BANNED = '测试违规词';

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
  db: PrivateCloud['db'];
  call(action: string, data: object, openid: string): Promise<Envelope>;
  /** The answer and the database round-trips of one call. */
  measured(action: string, data: object, openid: string): Promise<{ answer: Envelope; trips: Trips }>;
  upload(cloudPath: string): Promise<string>;
  outbox(touser: string): OutboxMessage[];
  allowNotices: PrivateCloud['allowNotices'];
  stop(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const world = await startPrivateCloud('pledge', { bundle: ['pledge'] });
  const { cloud, db } = world;
  extendWordList(world.dataDir, [{ word: 'PLEDGE-BAD', label: 20006 }]);

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
  // Resident requests a record may link to: one the member handled and saw resolved, one still open, and one of
  // the other village the member never saw.
  const request = (id: string, unitPath: string[], state: string, assigneeId: string | null) => ({
    _id: id,
    category: 'help',
    text: '村道口的路灯坏了',
    unitId: unitPath[unitPath.length - 1],
    unitPath,
    ladder: unitPath.map((unitId) => ({ unitId, kind: 'village', name: unitId })),
    level: unitPath.length - 1,
    responsibleUnitId: unitPath[unitPath.length - 1],
    responsiblePath: unitPath,
    state,
    handlerId: null,
    assigneeId,
    submitter: P.resident,
    reporterId: null,
    participants: [P.resident],
    followers: [],
    resolvedAt: state === 'resolved' ? new Date() : null,
    createdAt: new Date(),
  });
  await db.collection('requests').add({ data: request(REQ.resolved, home1, 'resolved', P.member) });
  await db.collection('requests').add({ data: request(REQ.open, home1, 'in_progress', P.member) });
  await db.collection('requests').add({ data: request(REQ.otherVillage, v2, 'resolved', P.otherMember) });
  await db.collection('branches').add({ data: { _id: B1, name: '一村党支部', unitId: V1, unitPath: v1 } });
  await db.collection('branches').add({ data: { _id: B2, name: '二村党支部', unitId: V2, unitPath: v2 } });

  const call = (action: string, data: object, openid: string) => world.call('pledge', action, data, openid);
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
    upload: (cloudPath) => world.upload(cloudPath),
    outbox: (touser) => world.outbox().filter((m) => m.touser === touser),
    allowNotices: (openid, kind, count) => world.allowNotices(openid, kind, count),
    stop: () => world.stop(),
  };
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
