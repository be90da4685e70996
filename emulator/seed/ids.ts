import { TOWN_ROOT_ID } from '@honglin/types/org-api';

/**
 * Ids of the demo data that tests and other seeds refer to. 西草坪村 is the main village; 石洲村 is "another
 * village" for denied-scope demos.
 */
export const UNIT = {
  town: TOWN_ROOT_ID,
  xicaoping: 'v-xicaoping',
  xcpBlock1: 'v-xicaoping-b1',
  xcpBlock2: 'v-xicaoping-b2',
  xcpGroup1: 'v-xicaoping-g1',
  xcpGroup2: 'v-xicaoping-g2',
  xcpGroup3: 'v-xicaoping-g3',
  xcpGroup4: 'v-xicaoping-g4',
  /** 第一组一邻: home of the main personas. */
  xcpNeighbourhood1: 'v-xicaoping-g1-n1',
  xcpNeighbourhood2: 'v-xicaoping-g1-n2',
  xcpNeighbourhood3: 'v-xicaoping-g2-n1',
  shizhou: 'v-shizhou',
  szBlock1: 'v-shizhou-b1',
  szGroup1: 'v-shizhou-g1',
  szNeighbourhood1: 'v-shizhou-g1-n1',
  community: 'v-luyuan-community',
  hongxing: 'v-hongxing',
} as const;

export const BRANCH = {
  townOrgans: 'branch-town-organs',
  xicaoping: 'branch-xicaoping',
  shizhou: 'branch-shizhou',
  community: 'branch-luyuan-community',
  hongxing: 'branch-hongxing',
} as const;

export const PLACE = {
  yeJiaCi: 'place-ye-jia-ci',
  baDanQiu: 'place-ba-dan-qiu',
  zhangJingwuHome: 'place-zhang-jingwu-home',
  lingfengBase: 'place-lingfeng-base',
  xcpFamilyMuseum: 'place-xicaoping-family-museum',
  xcpVegetableField: 'place-xicaoping-vegetable-field',
  bambooWorks: 'place-luyuan-bamboo-works',
} as const;

/** The personas of the dev persona switcher, one per role, and their counterparts in another village. */
export const PERSONA = {
  villager: 'demo-villager',
  neighbourHead: 'demo-neighbour-head',
  groupHead: 'demo-group-head',
  blockHead: 'demo-block-head',
  member: 'demo-member',
  secretary: 'demo-secretary',
  villageAdmin: 'demo-village-admin',
  townAdmin: 'demo-town-admin',
  otherVillager: 'demo-other-villager',
  otherNeighbourHead: 'demo-other-neighbour-head',
  otherMember: 'demo-other-member',
  otherSecretary: 'demo-other-secretary',
  otherVillageAdmin: 'demo-other-village-admin',
} as const;
