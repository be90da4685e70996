import {
  coverageInputSchema,
  listVisitsInputSchema,
  type Coverage,
  type CoverageRow,
  type VisitList,
} from '@honglin/types/visit';
import { HEAD_ROLE_OF_KIND, ROLE_LABELS, type RoleGrant, type UnitKind } from '@honglin/types/org';
import { monthOf } from '@honglin/types/time';
import { roles, type ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { rows } from '../common/db';
import { forbidden, notFound } from '../common/errors';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';
import { UNITS } from '../common/org';
import { visitingGrant } from './log';
import { VISITS, type VisitDoc } from './store';
import { ADMIN_ROLES, HEAD_ROLES } from '../common/domain/roles';
import { COLLECTIONS } from '../common/collections';

/** The most households one unit is expected to hold (a block: a few hundred). */
const HOUSEHOLD_LIMIT = 1000;

/** 走访记录 (visits) and 本月未走访 (notVisited) of the calling head, for a month (default this one). */
export const list = defineAction({
  input: listVisitsInputSchema,
  access: roles(HEAD_ROLES),
  async handler(input, { openid, caller, now }): Promise<VisitList> {
    const grant = visitingGrant(caller, input.unitId);
    const month = input.month ?? monthOf(now);
    if (input.view === 'visits') {
      const page = await pageOf<VisitDoc>(
        db.collection(VISITS),
        { headId: openid, month },
        'date',
        input.cursor,
        input.size,
      );
      return {
        view: 'visits',
        month,
        items: page.items.map((v) => ({
          _id: v._id,
          householdName: v.householdName,
          date: v.date,
          discussed: v.discussed,
          problems: v.problems,
          unitName: v.neighbourhoodName,
          createdAt: new Date(v.createdAt).toISOString(),
        })),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      };
    }
    const homes = grant.role === 'neighbour_head' ? { homeUnitId: grant.unitId } : { homeUnitPath: grant.unitId };
    const [households, visited] = await Promise.all([
      rows<{ _id: string; nickname: string }>(
        db
          .collection(COLLECTIONS.users)
          .where({ ...homes, deletedAt: null })
          .field({ _id: true, nickname: true })
          .limit(HOUSEHOLD_LIMIT),
      ),
      rows<Pick<VisitDoc, 'householdKey'>>(
        db.collection(VISITS).where({ headId: openid, month }).field({ householdKey: true }).limit(HOUSEHOLD_LIMIT),
      ),
    ]);
    const seen = new Set(visited.map((v) => v.householdKey));
    const waiting = households.filter((h) => !seen.has(`user:${h._id}`));
    return {
      view: 'notVisited',
      month,
      households: waiting.map((h) => ({ userId: h._id, name: h.nickname })),
      total: households.length,
    };
  },
});

interface UnitWithPeople {
  _id: string;
  kind: UnitKind;
  name: string;
  path: string[];
  order: number;
  residents: Array<{ _id: string }>;
  holders: Array<{ _id: string; nickname: string; roles: RoleGrant[] }>;
}

/**
 * The village's blocks, groups and neighbourhoods with their residents and role holders, in one read; it is also
 * the scope rule (the village's path comes with its units). With `unitId`, only that unit and the units below it,
 * and the target is that unit: its own head (and every head or admin above it) may see it.
 */
async function villageUnits(input: { villageId: string; unitId?: string }): Promise<ScopeTarget<UnitWithPeople[]>> {
  const { list: units } = (await db
    .collection(UNITS)
    .aggregate()
    .match({ path: input.villageId, kind: command.in(['block', 'group', 'neighbourhood']) })
    .lookup({ from: COLLECTIONS.users, localField: '_id', foreignField: 'homeUnitPath', as: 'residents' })
    .lookup({ from: COLLECTIONS.users, localField: '_id', foreignField: 'roles.unitId', as: 'holders' })
    .project({
      kind: 1,
      name: 1,
      path: 1,
      order: 1,
      'residents._id': 1,
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
 * 走访覆盖: per head of the village (or of one unit of it), households visited this month out of the households in
 * their unit.
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
    const { list: visited } = (await db
      .collection(VISITS)
      .aggregate()
      .match({ unitPath: input.villageId, month })
      .group({ _id: { headId: '$headId', unitId: '$unitId', household: '$householdKey' } })
      .group({ _id: { headId: '$_id.headId', unitId: '$_id.unitId' }, visited: { $sum: 1 } })
      .end()) as { list: Array<{ _id: { headId: string; unitId: string }; visited: number }> };
    const visitedBy = new Map(visited.map((v) => [`${v._id.headId}|${v._id.unitId}`, v.visited]));
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
          visited: visitedBy.get(`${head._id}|${unit._id}`) ?? 0,
          households: unit.residents.length,
        });
      }
    }
    return { month, rows: rowsOut };
  },
});
