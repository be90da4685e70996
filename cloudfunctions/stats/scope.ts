import { ADMIN_ROLES, type PlaceKind } from '@honglin/types/org';
import type { DashboardUnit } from '@honglin/types/stats';
import type { ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { forbidden, invalidArgument, notFound } from '../common/errors';
import { PLACES, UNITS, type PlaceDoc, type UnitDoc } from '../common/org';
import type { ActionContext } from '../common/runtime';

export { STATS_ROLES } from '@honglin/types/org';
/** Who may repair counters by hand: the admins. */
export const RECONCILE_ROLES = ADMIN_ROLES;

/** The unit statistics are asked for, with the units right below it (a town's villages), from one read. */
export interface StatsUnit {
  unit: UnitDoc;
  children: UnitDoc[];
  /** The places registered at the unit and the units right below it, to name the per-place figures. */
  places: Map<string, { name: string; kind: PlaceKind }>;
}

/**
 * Scope rule: loads the unit and its children, each with the places registered at it, in one read; only towns and
 * villages keep counters.
 */
export async function statsScope(input: { unitId: string }): Promise<ScopeTarget<StatsUnit>> {
  const { list } = (await db
    .collection(UNITS)
    .aggregate()
    .match(command.or([{ _id: input.unitId }, { parentId: input.unitId }]))
    .limit(1000)
    .lookup({ from: PLACES, localField: '_id', foreignField: 'unitId', as: 'places' })
    .end()) as { list: Array<UnitDoc & { places: PlaceDoc[] }> };
  const places = new Map<string, { name: string; kind: PlaceKind }>();
  for (const u of list) for (const p of u.places ?? []) places.set(p._id, { name: p.name, kind: p.kind });
  const found: UnitDoc[] = list.map(({ places: _places, ...u }) => u);
  const unit = found.find((u) => u._id === input.unitId);
  if (!unit) throw notFound('找不到这个单位，请刷新后重试');
  if (unit.kind !== 'town' && unit.kind !== 'village') throw invalidArgument('统计按镇、村（社区）查看');
  const children = found.filter((u) => u._id !== input.unitId);
  const ordered = [...children].sort(
    (a, b) => (a.order ?? 0) - (b.order ?? 0) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  return { unitPath: unit.path, resource: { unit, children: ordered, places } };
}

/**
 * A branch secretary sees the figures of their branch's own village only, not the units around it. The town organs'
 * branch sits at the town, whose figures are every village's (broken down by village): they are no business of the
 * organs' secretary, unless also an admin there.
 */
export function checkSecretaryScope(ctx: ActionContext<StatsUnit>): void {
  const { unit } = ctx.resource;
  if (ctx.grants.some((g) => g.role !== 'branch_secretary')) return;
  if (unit.kind !== 'village' || !ctx.grants.some((g) => g.unitId === unit._id)) {
    throw forbidden('支部书记只能查看本支部所在村（社区）的统计');
  }
}

export function dashboardUnit(unit: UnitDoc): DashboardUnit {
  return { _id: unit._id, name: unit.name, kind: unit.kind };
}
