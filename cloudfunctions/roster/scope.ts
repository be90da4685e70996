import { isAdminOver, type RoleGrant } from '@honglin/types/org';
import type { RosterKind } from '@honglin/types/roster';
import type { ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { rows } from '../common/db';
import { invalidArgument } from '../common/errors';
import { seesHouseholdPhones } from '../common/households';
import { loadUnit, type UnitDoc } from '../common/org';

/** Rosters are kept for a village (or community) or for the whole town. */
export async function rosterUnitScope(input: { unitId: string }): Promise<ScopeTarget<UnitDoc>> {
  const unit = await loadUnit(input.unitId);
  if (unit.kind !== 'village' && unit.kind !== 'town')
    throw invalidArgument('名册按村（社区）或全镇导入，请选择村或镇');
  return { unitPath: unit.path, resource: unit };
}

/** Every document of a query, 1,000 at a time in _id order (a town's households run to thousands). */
export async function everyRow<T extends { _id: string }>(
  collection: string,
  condition: Record<string, unknown>,
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const found: T[] = [];
  for (;;) {
    const last = found[found.length - 1]?._id;
    let query = db.collection(collection).where(last ? { ...condition, _id: command.gt(last) } : condition);
    if (fields) query = query.field({ _id: true, ...fields });
    const page = await rows<T>(query.orderBy('_id', 'asc').limit(1000));
    found.push(...page);
    if (page.length < 1000) return found;
  }
}

/**
 * Phones of a roster in full for the admins who keep it: the village's own admins for its households
 * (seesHouseholdPhones), any admin in scope for members and heads (the town's organisation office keeps the
 * 党员花名册). Masked for everyone else.
 */
export function keepsRosterPhones(
  grants: readonly RoleGrant[],
  unitPath: readonly string[],
  kind: RosterKind,
): boolean {
  if (kind === 'households') return seesHouseholdPhones(grants, unitPath);
  return isAdminOver(grants, unitPath);
}
