import type { Page } from '@honglin/types/common';
import type { Branch } from '@honglin/types/org';
import {
  listBranchesInputSchema,
  saveBranchInputSchema,
  type BranchView,
  type SaveBranchInput,
} from '@honglin/types/org-api';
import { anyone, roles, type ScopeTarget } from '../common/access';
import { db } from '../common/cloud';
import { checkText, SCENE } from '../common/content';
import { ADMIN_ROLES } from '../common/domain/roles';
import { inTransaction, txGet } from '../common/db';
import { conflict, invalidArgument } from '../common/errors';
import { BRANCHES, loadBranch, loadUnit, unitsById, type BranchDoc, type UnitDoc } from '../common/org';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';

type SaveBranch = Exclude<SaveBranchInput, undefined>;

export function branchView(branch: BranchDoc, units: Map<string, UnitDoc>): BranchView {
  return {
    _id: branch._id,
    name: branch.name,
    unitId: branch.unitId,
    unitPath: branch.unitPath,
    unitName: units.get(branch.unitId)?.name ?? '',
    createdAt: new Date(branch.createdAt).toISOString(),
  };
}

/** Party branches attached to a unit or below it (every branch of the town by default). */
export const listBranches = defineAction({
  input: listBranchesInputSchema,
  access: anyone,
  async handler(input): Promise<Page<BranchView>> {
    const condition = input.unitId ? { unitPath: input.unitId } : {};
    const page = await pageOf<BranchDoc>(db.collection(BRANCHES), condition, 'createdAt', input.cursor, input.size);
    const units = await unitsById(page.items.map((b) => b.unitId));
    return {
      items: page.items.map((b) => branchView(b, units)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});

/** Where a branch is saved: the existing branch's unit, or the unit a new one is attached to. */
async function saveBranchScope(input: SaveBranch): Promise<ScopeTarget<{ branch?: BranchDoc; unit?: UnitDoc }>> {
  if ('id' in input) {
    const branch = await loadBranch(input.id);
    return { unitPath: branch.unitPath, resource: { branch } };
  }
  const unit = await loadUnit(input.unitId);
  return { unitPath: unit.path, resource: { unit } };
}

/**
 * A party branch: created (attached to the town, for the town organs' branch, or to a village) or renamed.
 * A branch stays attached to its unit: members' grants name it.
 */
export const saveBranch = defineAction({
  input: saveBranchInputSchema,
  access: roles(ADMIN_ROLES, saveBranchScope),
  async handler(input, { openid, resource, now }): Promise<Branch> {
    await checkText(openid, SCENE.profile, [input.name]);
    if (resource.branch) {
      const branch = resource.branch;
      await db
        .collection(BRANCHES)
        .doc(branch._id)
        .update({ data: { name: input.name, updatedAt: now } });
      return { _id: branch._id, name: input.name, unitId: branch.unitId, unitPath: branch.unitPath };
    }
    const unit = resource.unit as UnitDoc;
    if (unit.kind !== 'town' && unit.kind !== 'village') throw invalidArgument('党支部只能建在镇或村（社区）');
    const id = (input as { requestId: string }).requestId;
    return inTransaction(async (tx) => {
      const existing = await txGet<BranchDoc>(tx, BRANCHES, id);
      if (existing) {
        if (existing.createdBy !== openid) throw conflict('请再试一次');
        return { _id: existing._id, name: existing.name, unitId: existing.unitId, unitPath: existing.unitPath };
      }
      const branch: Omit<BranchDoc, '_id'> = {
        name: input.name,
        unitId: unit._id,
        unitPath: unit.path,
        createdAt: now,
        createdBy: openid,
      };
      await tx
        .collection(BRANCHES)
        .doc(id)
        .set({ data: { ...branch } });
      return { _id: id, name: branch.name, unitId: branch.unitId, unitPath: branch.unitPath };
    });
  },
});
