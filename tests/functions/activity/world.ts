import { grant, rid, startPrivateCloud, type PrivateCloud } from '../helpers/world';

export { code, ok, rid, type Envelope } from '../helpers/world';

/**
 * A small town in its own local cloud (the built function bundles, the real wx-server-sdk): two villages,
 * a branch in each, 张经武故居 registered, two films, and people in every role the activity rules name.
 */
export const TOWN = 'town';
export const V1 = 'v-xicaoping';
export const V2 = 'v-other';
export const B1 = 'b-xicaoping';
export const B2 = 'b-other';
/** A second branch inside 西草坪村 (a group's branch), for sessions open to the whole village. */
export const G1 = 'v-xicaoping-g1';
export const B3 = 'b-xicaoping-g1';
export const PLACE = 'place-zhangjingwu';
export const FILM_A = 'film-bangyang';
export const FILM_B = 'film-zhongcheng';

export const P = {
  secretary: 'o-sec1',
  member1: 'o-m1',
  member2: 'o-m2',
  member3: 'o-m3',
  otherMember: 'o-m-other',
  groupMember: 'o-m-group',
  otherSecretary: 'o-sec2',
  villageAdmin: 'o-vadmin1',
  otherVillageAdmin: 'o-vadmin2',
  townAdmin: 'o-tadmin',
  villager: 'o-villager',
} as const;

/** The town's cloud: call, measure, fire timers, upload a PNG, read the outbox. */
export type World = PrivateCloud;

export async function startWorld(): Promise<World> {
  const world = await startPrivateCloud('activity');
  const { db } = world;

  const v1 = [TOWN, V1];
  const v2 = [TOWN, V2];
  const people: Array<[string, string, object[]]> = [
    [P.secretary, '王书记', [grant('branch_secretary', v1, B1), grant('member', v1, B1)]],
    [P.member1, '李党员', [grant('member', v1, B1)]],
    [P.member2, '张党员', [grant('member', v1, B1)]],
    [P.member3, '刘大爷', [grant('member', v1, B1)]],
    [P.otherMember, '赵党员', [grant('member', v2, B2)]],
    [P.groupMember, '钱党员', [grant('member', [TOWN, V1, G1], B3)]],
    [P.otherSecretary, '孙书记', [grant('branch_secretary', v2, B2)]],
    [P.villageAdmin, '村管理员', [grant('village_admin', v1)]],
    [P.otherVillageAdmin, '别村管理员', [grant('village_admin', v2)]],
    [P.townAdmin, '镇管理员', [grant('town_admin', [TOWN])]],
    [P.villager, '群众', []],
  ];
  for (const [openid, nickname, roles] of people) {
    await db.collection('users').add({ data: { _id: openid, nickname, roles, homeUnitId: V1, createdAt: new Date() } });
  }
  await db
    .collection('units')
    .add({ data: { _id: TOWN, kind: 'town', name: '鹿原镇', parentId: null, path: [TOWN], order: 0 } });
  await db
    .collection('units')
    .add({ data: { _id: V1, kind: 'village', name: '西草坪村', parentId: TOWN, path: v1, order: 1 } });
  await db
    .collection('units')
    .add({ data: { _id: V2, kind: 'village', name: '东村', parentId: TOWN, path: v2, order: 2 } });
  await db.collection('branches').add({ data: { _id: B1, name: '西草坪村党支部', unitId: V1, unitPath: v1 } });
  await db.collection('branches').add({ data: { _id: B2, name: '东村党支部', unitId: V2, unitPath: v2 } });
  await db
    .collection('units')
    .add({ data: { _id: G1, kind: 'group', name: '一组', parentId: V1, path: [TOWN, V1, G1], order: 1 } });
  await db
    .collection('branches')
    .add({ data: { _id: B3, name: '西草坪村一组党支部', unitId: G1, unitPath: [TOWN, V1, G1] } });
  await db
    .collection('places')
    .add({ data: { _id: PLACE, name: '张经武故居', kind: 'red_site', unitId: V1, unitPath: v1 } });
  const film = (title: string, kind: string) => ({
    title,
    kind,
    lengthMinutes: 30,
    where: [{ platform: '学习强国' }],
    description: '',
    createdBy: 'seed',
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  await db.collection('films').add({ data: { _id: FILM_A, ...film('榜样', 'exemplar') } });
  await db.collection('films').add({ data: { _id: FILM_B, ...film('忠诚与背叛', 'warning') } });

  return world;
}

/** Tomorrow at 10:00 in Asia/Shanghai, as ISO. */
export function tomorrowTen(): string {
  const d = new Date(Date.now() + 8 * 3600_000 + 86400_000);
  return `${d.toISOString().slice(0, 10)}T10:00:00+08:00`;
}

/**
 * A film session of 西草坪村党支部 at 张经武故居, starting now unless told: check-in opens on the session's own day,
 * so a session that is to be checked in is one of today (or the local cloud's clock is moved to its day).
 */
export function filmSession(extra: object = {}) {
  return {
    requestId: rid(),
    branchId: B1,
    kind: 'film',
    title: '观看《榜样》',
    startAt: new Date().toISOString(),
    place: { placeId: PLACE },
    filmIds: [FILM_A],
    experts: ['周致富'],
    ...extra,
  };
}
