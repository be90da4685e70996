import type { Branch, Place, Unit } from '@honglin/types/org';
import { BRANCH, PLACE, UNIT } from './ids';

/**
 * 鹿原镇's demo organisation: the town, four villages/communities (西草坪村 from the article; the others
 * plausible), 西草坪村's blocks, groups and neighbourhoods, one of each in 石洲村, the branches and the places
 * the article names.
 */
function unit(_id: string, kind: Unit['kind'], name: string, parent: Unit | null, order: number): Unit {
  return { _id, kind, name, parentId: parent?._id ?? null, path: [...(parent?.path ?? []), _id], order };
}

const town = unit(UNIT.town, 'town', '鹿原镇', null, 0);
const xicaoping = unit(UNIT.xicaoping, 'village', '西草坪村', town, 1);
const shizhou = unit(UNIT.shizhou, 'village', '石洲村', town, 2);
const community = unit(UNIT.community, 'village', '鹿原社区', town, 3);
const hongxing = unit(UNIT.hongxing, 'village', '红星村', town, 4);
const xcpBlock1 = unit(UNIT.xcpBlock1, 'block', '第一片', xicaoping, 1);
const xcpBlock2 = unit(UNIT.xcpBlock2, 'block', '第二片', xicaoping, 2);
const xcpGroup1 = unit(UNIT.xcpGroup1, 'group', '第一组', xcpBlock1, 1);
const xcpGroup2 = unit(UNIT.xcpGroup2, 'group', '第二组', xcpBlock1, 2);
const xcpGroup3 = unit(UNIT.xcpGroup3, 'group', '第三组', xcpBlock2, 3);
const xcpGroup4 = unit(UNIT.xcpGroup4, 'group', '第四组', xcpBlock2, 4);
const szBlock1 = unit(UNIT.szBlock1, 'block', '第一片', shizhou, 1);
const szGroup1 = unit(UNIT.szGroup1, 'group', '第一组', szBlock1, 1);

export const DEMO_UNITS: Unit[] = [
  town,
  xicaoping,
  shizhou,
  community,
  hongxing,
  xcpBlock1,
  xcpBlock2,
  xcpGroup1,
  xcpGroup2,
  xcpGroup3,
  xcpGroup4,
  unit(UNIT.xcpNeighbourhood1, 'neighbourhood', '一邻', xcpGroup1, 1),
  unit(UNIT.xcpNeighbourhood2, 'neighbourhood', '二邻', xcpGroup1, 2),
  unit(UNIT.xcpNeighbourhood3, 'neighbourhood', '一邻', xcpGroup2, 1),
  unit('v-xicaoping-g3-n1', 'neighbourhood', '一邻', xcpGroup3, 1),
  unit('v-xicaoping-g4-n1', 'neighbourhood', '一邻', xcpGroup4, 1),
  szBlock1,
  szGroup1,
  unit(UNIT.szNeighbourhood1, 'neighbourhood', '一邻', szGroup1, 1),
  unit('v-luyuan-community-b1', 'block', '第一片', community, 1),
  unit('v-hongxing-b1', 'block', '第一片', hongxing, 1),
];

const byId = new Map(DEMO_UNITS.map((u) => [u._id, u]));
export function demoUnit(id: string): Unit {
  const found = byId.get(id);
  if (!found) throw new Error(`demo seed: unknown unit ${id}`);
  return found;
}

function branch(_id: string, name: string, unitId: string): Branch {
  return { _id, name, unitId, unitPath: demoUnit(unitId).path };
}

export const DEMO_BRANCHES: Branch[] = [
  branch(BRANCH.townOrgans, '鹿原镇机关党支部', UNIT.town),
  branch(BRANCH.xicaoping, '西草坪村党支部', UNIT.xicaoping),
  branch(BRANCH.shizhou, '石洲村党支部', UNIT.shizhou),
  branch(BRANCH.community, '鹿原社区党支部', UNIT.community),
  branch(BRANCH.hongxing, '红星村党支部', UNIT.hongxing),
];

function place(_id: string, name: string, kind: Place['kind'], unitId: string, address: string): Place {
  return { _id, name, kind, unitId, unitPath: demoUnit(unitId).path, address };
}

/** The red-heritage sites the article names (镇 level where the article does not say which village), and a few more. */
export const DEMO_PLACES: Place[] = [
  place(PLACE.yeJiaCi, '叶家祠', 'red_site', UNIT.town, '鹿原镇'),
  place(PLACE.baDanQiu, '八担坵', 'red_site', UNIT.town, '鹿原镇'),
  place(PLACE.zhangJingwuHome, '张经武故居', 'red_site', UNIT.town, '鹿原镇'),
  place(PLACE.lingfengBase, '酃峰红色文化培训基地', 'red_site', UNIT.town, '鹿原镇镇区'),
  place(PLACE.xcpFamilyMuseum, '西草坪村家风文化馆', 'red_site', UNIT.xicaoping, '西草坪村村部旁'),
  place(PLACE.xcpVegetableField, '西草坪村蔬菜基地', 'field', UNIT.xicaoping, '西草坪村第一片'),
  place(PLACE.bambooWorks, '鹿原竹木加工厂', 'enterprise', UNIT.town, '鹿原镇工业小区'),
];
