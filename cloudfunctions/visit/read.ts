import {
  coverageInputSchema,
  listVisitsInputSchema,
  notVisitedInputSchema,
  type Coverage,
  type CoverageRow,
  type NotVisited,
  type VisitList,
} from '@honglin/types/visit';
import { HEAD_ROLE_OF_KIND, ROLE_LABELS, type RoleGrant, type UnitKind } from '@honglin/types/org';
import { monthOf } from '@honglin/types/time';
import { roles, type ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { forbidden, notFound } from '../common/errors';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { UNITS, type UnitDoc } from '../common/org';
import { HOUSEHOLDS, householdView, seesHouseholdPhones, type HouseholdDoc } from '../common/households';
import { ADMIN_ROLES, HEAD_ROLES } from '../common/domain/roles';
import { COLLECTIONS } from '../common/collections';
import { VISITS, type VisitDoc } from './store';

/** 走访记录: the calling head's own visits of a month (default this one), newest day first. */
export const list = defineAction({
  input: listVisitsInputSchema,
  access: roles(HEAD_ROLES),
  async handler(input, { openid, now }): Promise<VisitList> {
    const month = input.month ?? monthOf(now);
    const page = await pageOf<VisitDoc>(
      db.collection(VISITS),
      { headId: openid, month },
      'date',
      input.cursor,
      input.size,
    );
    return {
      month,
      items: page.items.map((v) => ({
        _id: v._id,
        householdId: v.householdId ?? null,
        householdName: v.householdName,
        date: v.date,
        discussed: v.discussed,
        problems: v.problems,
        unitName: v.neighbourhoodName,
        createdAt: new Date(v.createdAt).toISOString(),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});

/** The ids of the households of `unitId` (and below) visited in `month`, by anyone. */
async function visitedIn(unitId: string, month: string): Promise<Set<string>> {
  const { list: found } = (await db
    .collection(VISITS)
    .aggregate()
    .match({ unitPath: unitId, month, householdId: command.exists(true) })
    .group({ _id: '$householdId' })
    .end()) as { list: Array<{ _id: string }> };
  return new Set(found.map((v) => v._id));
}

/** House numbers compare as people read them (2号 before 10号); then the head of household's name. */
function byPlace(units: Map<string, UnitDoc>) {
  return (a: HouseholdDoc, b: HouseholdDoc) => {
    const ua = units.get(a.unitId);
    const ub = units.get(b.unitId);
    return (
      (ua?.order ?? 0) - (ub?.order ?? 0) ||
      a.address.localeCompare(b.address, 'zh-CN', { numeric: true }) ||
      a.headName.localeCompare(b.headName, 'zh-CN')
    );
  };
}

/**
 * 本月未走访: the open households of a unit (a head's own, or any unit of an admin's village or town) without a visit
 * in the month by anyone, by neighbourhood, house number and name: where to go next, never a ranking of people.
 */
export const notVisited = defineAction({
  input: notVisitedInputSchema,
  access: roles([...HEAD_ROLES, ...ADMIN_ROLES], unitWithHouseholds),
  async handler(input, { grants, resource: unit, now }): Promise<NotVisited> {
    const month = input.month ?? monthOf(now);
    const visited = await visitedIn(input.unitId, month);
    const open = unit.households.filter((h) => h.closedAt === null);
    const units = new Map([unit, ...unit.below].map((u) => [u._id, u]));
    const inFull = seesHouseholdPhones(grants, unit.path);
    return {
      month,
      households: open
        .filter((h) => !visited.has(h._id))
        .sort(byPlace(units))
        .map((h) => householdView(h, units.get(h.unitId)?.name ?? '', inFull)),
      total: open.length,
    };
  },
});

type UnitWithHouseholds = UnitDoc & { households: HouseholdDoc[]; below: UnitDoc[] };

/**
 * Scope rule of notVisited, and its data in the same read: the unit, every household under it (closed ones too: the
 * lookup cannot filter) and the units below it, for the neighbourhoods' names.
 */
async function unitWithHouseholds(input: { unitId: string }): Promise<ScopeTarget<UnitWithHouseholds>> {
  const { list } = (await db
    .collection(UNITS)
    .aggregate()
    .match({ _id: input.unitId })
    .lookup({ from: HOUSEHOLDS, localField: '_id', foreignField: 'unitPath', as: 'households' })
    .lookup({ from: UNITS, localField: '_id', foreignField: 'path', as: 'below' })
    .end()) as { list: UnitWithHouseholds[] };
  const [unit] = list;
  if (!unit) throw notFound('找不到这个单位，请刷新后重试');
  return { unitPath: unit.path, resource: unit };
}

interface UnitWithPeople {
  _id: string;
  kind: UnitKind;
  name: string;
  path: string[];
  order: number;
  /** A neighbourhood's own households (blocks and groups have none of their own). */
  households: Array<Pick<HouseholdDoc, '_id' | 'closedAt'>>;
  holders: Array<{ _id: string; nickname: string; roles: RoleGrant[] }>;
}

/**
 * The village's blocks, groups and neighbourhoods with their households and role holders, in one read; it is also
 * the scope rule (the village's path comes with its units). With `unitId`, only that unit and the units below it,
 * and the target is that unit: its own head (and every head or admin above it) may see it.
 */
async function villageUnits(input: { villageId: string; unitId?: string }): Promise<ScopeTarget<UnitWithPeople[]>> {
  const { list: units } = (await db
    .collection(UNITS)
    .aggregate()
    .match({ path: input.villageId, kind: command.in(['block', 'group', 'neighbourhood']) })
    .lookup({ from: HOUSEHOLDS, localField: '_id', foreignField: 'unitId', as: 'households' })
    .lookup({ from: COLLECTIONS.users, localField: '_id', foreignField: 'roles.unitId', as: 'holders' })
    .project({
      'households._id': 1,
      'households.closedAt': 1,
      kind: 1,
      name: 1,
      path: 1,
      order: 1,
      'holders._id': 1,
      'holders.nickname': 1,
      'holders.roles': 1,
    })
    .end()) as { list: UnitWithPeople[] };
  const first = units[0];
  if (!first) throw notFound('这个村还没有片、组、邻');
  if (input.unitId) {
    const unitId = input.unitId;
    const unit = units.find((u) => u._id === unitId);
    if (!unit) throw notFound('这个村里没有这个片、组或邻');
    return { unitPath: unit.path, resource: units.filter((u) => u.path.includes(unitId)) };
  }
  return { unitPath: first.path.slice(0, first.path.indexOf(input.villageId) + 1), resource: units };
}

/**
 * 走访覆盖: per head of the village (or of one unit of it), the unit's open households visited this month (by any
 * head) out of the unit's open households, and the same for the whole scope.
 * A list ordered by unit (tree order, then name), never by the figures: it shows where to go, not who is best.
 */
export const coverage = defineAction({
  input: coverageInputSchema,
  access: roles([...ADMIN_ROLES, 'branch_secretary', ...HEAD_ROLES], villageUnits),
  async handler(input, { grants, resource: units, now }): Promise<Coverage> {
    // A branch secretary sees the coverage of their own branch's village only: the town organs' branch sits at the
    // town, above every village, and is no village's business (unless its secretary is also an admin of it).
    if (grants.every((g) => g.role === 'branch_secretary' && g.unitId !== input.villageId)) throw forbidden();
    const month = input.month ?? monthOf(now);
    const scopeId = input.unitId ?? input.villageId;
    const visited = await visitedIn(scopeId, month);
    // A household counts where it lives now, and as visited when it was visited in the month (a household that
    // moved or closed since leaves both figures).
    const open = units.flatMap((u) =>
      u.households.filter((h) => h.closedAt === null).map((h) => ({ _id: h._id, unitPath: u.path })),
    );
    const tally = (unitId: string) => {
      const here = open.filter((h) => h.unitPath.includes(unitId));
      return { visited: here.filter((h) => visited.has(h._id)).length, households: here.length };
    };
    const rowsOut: CoverageRow[] = [];
    const depth: Record<string, number> = { block: 0, group: 1, neighbourhood: 2 };
    const ordered = [...units].sort(
      (a, b) => depth[a.kind] - depth[b.kind] || a.order - b.order || a.name.localeCompare(b.name, 'zh-CN'),
    );
    for (const unit of ordered) {
      const role = HEAD_ROLE_OF_KIND[unit.kind];
      for (const head of unit.holders) {
        if (!head.roles.some((g) => g.role === role && g.unitId === unit._id)) continue;
        rowsOut.push({
          headName: head.nickname,
          roleLabel: ROLE_LABELS[role],
          unitId: unit._id,
          unitName: unit.name,
          ...tally(unit._id),
        });
      }
    }
    return { month, rows: rowsOut, total: tally(scopeId) };
  },
});
