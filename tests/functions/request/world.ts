import { grant, startPrivateCloud, type PrivateCloud } from '../helpers/world';

export { code, ok, rid, type Envelope } from '../helpers/world';

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

/** Households of the village's household list (org households): three in 一邻, one in 二邻, one in 东村. */
export const H = {
  zhang: 'hh-n1-zhang',
  li: 'hh-n1-li',
  liu: 'hh-n1-liu',
  wang: 'hh-n2-wang',
  east: 'hh-n9-east',
} as const;

export const L1 = [TOWN, V1, K1, G1, N1];
export const L2 = [TOWN, V1, K1, G1, N2];
const L9 = [TOWN, V2, N9];

/** The town's cloud; its upload stores a small file of text (a photo as far as the functions care). */
export type World = PrivateCloud;

export async function startWorld(name: string): Promise<World> {
  const world = await startPrivateCloud(name);
  const { db } = world;

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

  const households: Array<[string, string, string, string[]]> = [
    [H.zhang, '张三', '1号', L1],
    [H.li, '李四', '3号', L1],
    [H.liu, '刘桂英', '12号', L1],
    [H.wang, '王五', '2号', L2],
    [H.east, '东村户', '5号', L9],
  ];
  for (const [id, headName, address, unitPath] of households) {
    const unitId = unitPath[unitPath.length - 1];
    await db.collection('households').add({
      data: {
        _id: id,
        unitId,
        unitPath,
        headName,
        phone: '',
        address,
        size: 3,
        tags: [],
        closedAt: null,
        naturalKey: `${unitId}|${headName}|${address}`,
        history: [{ change: 'imported', at: new Date() }],
        createdAt: new Date(),
        createdBy: P.villageAdmin,
        updatedAt: new Date(),
      },
    });
  }

  return {
    ...world,
    upload: (cloudPath) => world.upload(cloudPath, Buffer.from('photo')),
  };
}
