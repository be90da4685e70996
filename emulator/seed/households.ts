import type { HouseholdTag } from '@honglin/types/household';
import { ROLE_LABELS } from '@honglin/types/org';
import type { SeedDatabase } from './demo';
import { PERSONA, UNIT } from './ids';
import { demoUnit } from './org';

/**
 * 西草坪村's household list as its import leaves it, in the demo heads' 邻 (张桂兰's 一邻, 刘长生's 第一组,
 * 陈志刚's 第一片), so a newcomer's 农户 and 本月走访情况 pages are not empty. Written by `npm run dev` only, after
 * seedDemo: the tests' demo town starts before the village imports its list (the roster tests count every household
 * of the store and of 西草坪村's export).
 */
const HOUSEHOLDS: Array<{ unitId: string; headName: string; address: string; size: number; tags: HouseholdTag[] }> = [
  { unitId: UNIT.xcpNeighbourhood1, headName: '贺秋云', address: '西草坪村5号', size: 1, tags: ['独居老人'] },
  { unitId: UNIT.xcpNeighbourhood1, headName: '曾德旺', address: '西草坪村8号', size: 4, tags: [] },
  { unitId: UNIT.xcpNeighbourhood1, headName: '彭冬秀', address: '西草坪村11号', size: 2, tags: ['空巢老人'] },
  { unitId: UNIT.xcpNeighbourhood1, headName: '谭志勇', address: '西草坪村12号', size: 5, tags: ['留守儿童'] },
  {
    unitId: UNIT.xcpNeighbourhood1,
    headName: '罗满娥',
    address: '西草坪村15号',
    size: 1,
    tags: ['独居老人', '低保户'],
  },
  { unitId: UNIT.xcpNeighbourhood2, headName: '邓建华', address: '西草坪村21号', size: 3, tags: [] },
  { unitId: UNIT.xcpNeighbourhood2, headName: '尹桂香', address: '西草坪村23号', size: 2, tags: ['残疾人'] },
  { unitId: UNIT.xcpNeighbourhood3, headName: '郭长发', address: '西草坪村36号', size: 6, tags: ['脱贫户'] },
];

const IMPORTED_BY = { by: PERSONA.villageAdmin, byName: `${ROLE_LABELS.village_admin} 赵明` };

export async function seedDemoHouseholds(db: SeedDatabase, now = new Date()): Promise<void> {
  const at = new Date(now.getTime() - 7 * 24 * 3600_000);
  for (const [i, h] of HOUSEHOLDS.entries()) {
    const createdAt = new Date(at.getTime() + i * 60_000);
    await db
      .collection('households')
      .doc(`demo-hh-${i + 1}`)
      .set({
        data: {
          ...h,
          unitPath: demoUnit(h.unitId).path,
          phone: '',
          closedAt: null,
          // householdKey's form (cloudfunctions/common/households.ts), so a re-import of the list finds these.
          naturalKey: [h.unitId, h.headName, h.address].join('|'),
          history: [{ change: 'imported', at: createdAt, ...IMPORTED_BY }],
          createdAt,
          createdBy: PERSONA.villageAdmin,
          updatedAt: createdAt,
        },
      });
  }
}
