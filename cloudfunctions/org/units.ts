import { UNIT_KINDS, type Unit } from '@honglin/types/org';
import { monthOf } from '@honglin/types/time';
import {
  TOWN_ROOT_ID,
  childKindOf,
  createUnitInputSchema,
  treeInputSchema,
  updateUnitInputSchema,
  type TreeAnswer,
} from '@honglin/types/org-api';
import { anyone, roles } from '../common/access';
import { command, db } from '../common/cloud';
import { checkText, SCENE } from '../common/content';
import { prepareNewUnitShards } from '../common/counters';
import { ADMIN_ROLES } from '../common/domain/roles';
import { inTransaction, rows, txGet } from '../common/db';
import { conflict, forbidden, invalidArgument } from '../common/errors';
import { UNITS, loadUnit, unitScope, type UnitDoc } from '../common/org';
import { defineAction } from '../common/runtime';

function unitOf(doc: UnitDoc): Unit {
  return { _id: doc._id, kind: doc.kind, name: doc.name, parentId: doc.parentId, path: doc.path, order: doc.order };
}

/** Depth first: each unit followed by its children, siblings by `order`. */
function depthFirst(units: Unit[]): Unit[] {
  const byId = new Map(units.map((u) => [u._id, u]));
  const key = (u: Unit) => u.path.filter((id) => byId.has(id)).map((id) => byId.get(id) as Unit);
  return [...units].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i += 1) {
      if (ka[i]._id !== kb[i]._id) return ka[i].order - kb[i].order || ka[i].name.localeCompare(kb[i].name, 'zh-CN');
    }
    return ka.length - kb.length;
  });
}

/**
 * A unit, the units above it and those below it down to `depth` levels: the org chart, the home-unit picker.
 * Anyone may read it: the tree names places, not people.
 */
export const tree = defineAction({
  input: treeInputSchema,
  access: anyone,
  async handler(input): Promise<TreeAnswer> {
    const root = await loadUnit(input.rootId ?? TOWN_ROOT_ID);
    const level = UNIT_KINDS.indexOf(root.kind);
    const kinds = UNIT_KINDS.slice(level + 1, level + 1 + input.depth);
    const ancestorIds = root.path.slice(0, -1);
    const conditions: Record<string, unknown>[] = [];
    if (ancestorIds.length > 0) conditions.push({ _id: command.in(ancestorIds) });
    if (kinds.length > 0) conditions.push({ path: root._id, kind: command.in(kinds) });
    const found =
      conditions.length > 0 ? await rows<UnitDoc>(db.collection(UNITS).where(command.or(conditions)).limit(1000)) : [];
    const ancestors = found.filter((u) => ancestorIds.includes(u._id)).map(unitOf);
    ancestors.sort((a, b) => a.path.length - b.path.length);
    const units = depthFirst(found.filter((u) => u.path.includes(root._id) && u._id !== root._id).map(unitOf));
    return { root: unitOf(root), ancestors, units };
  },
});

/** A unit under a parent in the admin's scope; its kind is the level below the parent's. */
export const createUnit = defineAction({
  input: createUnitInputSchema,
  access: roles(
    ADMIN_ROLES,
    unitScope((input: { parentId: string }) => input.parentId),
  ),
  async handler(input, { openid, resource: parent, now }): Promise<Unit> {
    const kind = childKindOf(parent.kind);
    if (!kind) throw invalidArgument('邻是最小的单位，下面不能再建单位');
    await checkText(openid, SCENE.profile, [input.name]);
    const id = input.requestId;
    return inTransaction(async (tx) => {
      const existing = await txGet<UnitDoc>(tx, UNITS, id);
      if (existing) {
        if (existing.createdBy !== openid || existing.parentId !== parent._id) throw conflict('请再试一次');
        return unitOf(existing);
      }
      const unit: UnitDoc = {
        _id: id,
        kind,
        name: input.name,
        parentId: parent._id,
        path: [...parent.path, id],
        order: input.order ?? 0,
        createdAt: now,
        createdBy: openid,
      };
      const { _id, ...data } = unit;
      await tx.collection(UNITS).doc(_id).set({ data });
      // A new village's counter shards of this month, so its first events update them (the stats nightly timer
      // prepares the months after).
      if (unit.path.length === 2) await prepareNewUnitShards(tx, _id, monthOf(now));
      return unitOf(unit);
    });
  },
});

/**
 * Rename or reorder a unit below the admin's own (a village's own name is the town's to change). Units never
 * move, so paths and the grants that copy them stay true.
 */
export const updateUnit = defineAction({
  input: updateUnitInputSchema,
  access: roles(
    ADMIN_ROLES,
    unitScope((input: { id: string }) => input.id),
  ),
  async handler(input, { openid, grants, resource: unit, now }): Promise<Unit> {
    if (!grants.some((g) => g.role === 'town_admin' || g.unitId !== unit._id)) {
      throw forbidden('本村（社区）的名称请联系镇管理员修改');
    }
    await checkText(openid, SCENE.profile, [input.name]);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.order !== undefined ? { order: input.order } : {}),
    };
    await db
      .collection(UNITS)
      .doc(unit._id)
      .update({ data: { ...changes, updatedAt: now, updatedBy: openid } });
    return unitOf({ ...unit, ...changes });
  },
});
