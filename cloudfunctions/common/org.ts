import type { Branch, Place, RoleName, Unit } from '@honglin/types/org';
import type { ScopeTarget } from './access';
import { command, db } from './cloud';
import { byId, rows } from './db';
import { notFound } from './errors';
import { COLLECTIONS } from './collections';

/**
 * The organisation as the functions read it: units (one tree, materialised paths), party branches and places,
 * and the scope rules that find a target's unit path for declared access.
 */
export const UNITS = COLLECTIONS.units;
export const BRANCHES = COLLECTIONS.branches;
export const PLACES = COLLECTIONS.places;

export interface UnitDoc extends Unit {
  createdAt?: Date;
  createdBy?: string;
}

export interface BranchDoc extends Branch {
  createdAt: Date;
  createdBy: string;
  /** The code its members link themselves to its roster with (roster.joinCode), once made. */
  joinCode?: string;
}

export interface PlaceDoc extends Place {
  createdAt: Date;
  createdBy: string;
}

export async function loadUnit(id: string): Promise<UnitDoc> {
  const unit = await byId<UnitDoc>(UNITS, id);
  if (!unit) throw notFound('找不到这个单位，请刷新后重试');
  return unit;
}

export async function loadBranch(id: string): Promise<BranchDoc> {
  const branch = await byId<BranchDoc>(BRANCHES, id);
  if (!branch) throw notFound('找不到这个党支部，请刷新后重试');
  return branch;
}

/** Units by id in one read (at most 1000), as a map; unknown ids are simply absent. */
export async function unitsById(ids: readonly string[]): Promise<Map<string, UnitDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await rows<UnitDoc>(
    db
      .collection(UNITS)
      .where({ _id: command.in(unique) })
      .limit(1000),
  );
  return new Map(found.map((u) => [u._id, u]));
}

/** Scope rule: the action acts in the unit named by the input; the unit is handed to the handler. */
export function unitScope<I>(pick: (input: I) => string) {
  return async (input: I): Promise<ScopeTarget<UnitDoc>> => {
    const unit = await loadUnit(pick(input));
    return { unitPath: unit.path, resource: unit };
  };
}

/** Scope rule: the action acts on the branch named by the input, in the branch's unit. */
export function branchScope<I>(pick: (input: I) => string) {
  return async (input: I): Promise<ScopeTarget<BranchDoc>> => {
    const branch = await loadBranch(pick(input));
    return { unitPath: branch.unitPath, branchId: branch._id, resource: branch };
  };
}

/** Where a role is held: a unit (unit roles) or a branch and its unit (党员, 支部书记). */
export interface RoleTargetResource {
  unitId: string;
  unitPath: string[];
  /** The unit itself, for unit roles (its kind must fit the role). */
  unit?: UnitDoc;
  branch?: BranchDoc;
  /** The unit's or branch's name, as shown with the role. */
  targetName: string;
}

/** Scope rule of the role actions: the role's unit, or the branch's unit for branch roles. */
export async function roleTargetScope(input: {
  role: RoleName;
  unitId?: string;
  branchId?: string;
}): Promise<ScopeTarget<RoleTargetResource>> {
  if (input.branchId) {
    const branch = await loadBranch(input.branchId);
    return {
      unitPath: branch.unitPath,
      resource: { unitId: branch.unitId, unitPath: branch.unitPath, branch, targetName: branch.name },
    };
  }
  const unit = await loadUnit(input.unitId ?? '');
  return { unitPath: unit.path, resource: { unitId: unit._id, unitPath: unit.path, unit, targetName: unit.name } };
}
