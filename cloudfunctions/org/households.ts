import type { Page } from '@honglin/types/common';
import {
  closeHouseholdInputSchema,
  listHouseholdsInputSchema,
  saveHouseholdInputSchema,
  type HouseholdView,
  type SaveHouseholdInput,
} from '@honglin/types/household';
import { matchingGrants, roles, type ScopeTarget } from '../common/access';
import { command, db } from '../common/cloud';
import { checkText, SCENE } from '../common/content';
import { byId, containing, inTransaction, txGet } from '../common/db';
import { ADMIN_ROLES, HEAD_ROLES } from '../common/domain/roles';
import { conflict, forbidden, invalidArgument, notFound } from '../common/errors';
import {
  HOUSEHOLDS,
  changedBy,
  householdKey,
  householdView,
  seesHouseholdPhones,
  type HouseholdDoc,
} from '../common/households';
import { loadUnit, unitScope, unitsById, type UnitDoc } from '../common/org';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';

/** Heads keep their unit's households (they visit them); admins keep their village's or the town's. */
const HOUSEHOLD_KEEPERS = [...HEAD_ROLES, ...ADMIN_ROLES];

type SaveHousehold = Exclude<SaveHouseholdInput, undefined>;

/** The households of a unit and below, newest first; closed ones only when asked; `search` in name or house number. */
export const listHouseholds = defineAction({
  input: listHouseholdsInputSchema,
  access: roles(
    HOUSEHOLD_KEEPERS,
    unitScope((i: { unitId: string }) => i.unitId),
  ),
  async handler(input, { grants, resource }): Promise<Page<HouseholdView>> {
    const scope: Record<string, unknown> = { unitPath: input.unitId };
    if (!input.includeClosed) scope.closedAt = null;
    const search = input.search?.trim();
    const condition = search
      ? (command.and([
          scope,
          command.or([{ headName: containing(search) }, { address: containing(search) }]),
        ]) as unknown as Record<string, unknown>)
      : scope;
    const page = await pageOf<HouseholdDoc>(
      db.collection(HOUSEHOLDS),
      condition,
      'createdAt',
      input.cursor,
      input.size,
    );
    const units = await unitsById(page.items.map((h) => h.unitId));
    const inFull = seesHouseholdPhones(grants, resource.path);
    return {
      items: page.items.map((h) => householdView(h, units.get(h.unitId)?.name ?? '', inFull)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});

function neighbourhoodOf(unit: UnitDoc): UnitDoc {
  if (unit.kind !== 'neighbourhood') throw invalidArgument('农户只能登记在某个邻下面，请选择具体的邻');
  return unit;
}

async function saveScope(input: SaveHousehold): Promise<ScopeTarget<{ household?: HouseholdDoc; unit?: UnitDoc }>> {
  if ('id' in input) {
    const household = await byId<HouseholdDoc>(HOUSEHOLDS, input.id);
    if (!household) throw notFound('找不到这户，请刷新后重试');
    return { unitPath: household.unitPath, resource: { household } };
  }
  const unit = neighbourhoodOf(await loadUnit(input.unitId));
  return { unitPath: unit.path, resource: { unit } };
}

/**
 * Adds a household to a neighbourhood (a head adds one they meet on a visit; `splitFrom` when a family splits), or
 * changes one; a new unitId moves it, within the caller's own units. Every change goes into its history.
 */
export const saveHousehold = defineAction({
  input: saveHouseholdInputSchema,
  access: roles(HOUSEHOLD_KEEPERS, saveScope),
  async handler(input, { openid, caller, grants, resource, now }): Promise<HouseholdView> {
    await checkText(openid, SCENE.profile, [input.headName, input.address, 'note' in input ? input.note : undefined]);
    const who = changedBy(openid, caller, grants);
    if ('id' in input) {
      const moveTo = input.unitId && input.unitId !== resource.household?.unitId ? await loadUnit(input.unitId) : null;
      if (moveTo) {
        neighbourhoodOf(moveTo);
        if (moveTo.path[1] !== resource.household?.unitPath[1]) {
          throw invalidArgument('农户只能迁到本村的其他邻；迁往外村请注销（迁出）后由那个村登记');
        }
        if (matchingGrants(caller?.roles ?? [], HOUSEHOLD_KEEPERS, { unitPath: moveTo.path }).length === 0) {
          throw forbidden('只能把农户迁到您负责的邻');
        }
      }
      const saved = await inTransaction(async (tx) => {
        const current = await txGet<HouseholdDoc>(tx, HOUSEHOLDS, input.id);
        if (!current) throw notFound('找不到这户，请刷新后重试');
        if (current.closedAt) throw conflict('这户已注销，不能再修改');
        const next: HouseholdDoc = {
          ...current,
          headName: input.headName,
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.address !== undefined ? { address: input.address } : {}),
          ...(input.size !== undefined ? { size: input.size } : {}),
          ...(input.tags !== undefined ? { tags: input.tags } : {}),
          ...(moveTo ? { unitId: moveTo._id, unitPath: moveTo.path } : {}),
          updatedAt: now,
        };
        next.naturalKey = householdKey(next.unitId, next.headName, next.address);
        const note = input.note ? { note: input.note } : {};
        next.history = [
          ...current.history,
          moveTo
            ? { change: 'moved', at: now, ...who, from: current.unitId, to: moveTo._id, ...note }
            : { change: 'updated', at: now, ...who, ...note },
        ];
        const { _id, ...data } = next;
        await tx.collection(HOUSEHOLDS).doc(_id).set({ data });
        return next;
      });
      const unit = moveTo ?? (await loadUnit(saved.unitId));
      return householdView(saved, unit.name, seesHouseholdPhones(grants, saved.unitPath));
    }
    const unit = resource.unit as UnitDoc;
    const id = `hh_${input.requestId}`;
    const created = await inTransaction(async (tx) => {
      const existing = await txGet<HouseholdDoc>(tx, HOUSEHOLDS, id);
      if (existing) {
        if (existing.createdBy !== openid) throw conflict('请再试一次');
        return existing;
      }
      if (input.splitFrom) {
        const origin = await txGet<HouseholdDoc>(tx, HOUSEHOLDS, input.splitFrom);
        if (!origin || origin.closedAt || !origin.unitPath.includes(unit.path[1] ?? '')) {
          throw invalidArgument('要分出的原户不存在或已注销');
        }
        // The origin keeps the split in its own history, in the same transaction as the new household.
        await tx
          .collection(HOUSEHOLDS)
          .doc(origin._id)
          .update({
            data: {
              history: [...origin.history, { change: 'splitOff', at: now, ...who, to: id }],
              updatedAt: now,
            },
          });
      }
      const address = input.address ?? '';
      const household: HouseholdDoc = {
        _id: id,
        unitId: unit._id,
        unitPath: unit.path,
        headName: input.headName,
        phone: input.phone ?? '',
        address,
        size: input.size ?? null,
        tags: input.tags ?? [],
        closedAt: null,
        naturalKey: householdKey(unit._id, input.headName, address),
        history: [
          input.splitFrom
            ? { change: 'split', at: now, ...who, from: input.splitFrom }
            : { change: 'created', at: now, ...who },
        ],
        createdAt: now,
        createdBy: openid,
        updatedAt: now,
      };
      const { _id, ...data } = household;
      await tx.collection(HOUSEHOLDS).doc(_id).set({ data });
      return household;
    });
    return householdView(created, unit.name, seesHouseholdPhones(grants, created.unitPath));
  },
});

async function closeScope(input: { id: string }): Promise<ScopeTarget<HouseholdDoc>> {
  const household = await byId<HouseholdDoc>(HOUSEHOLDS, input.id);
  if (!household) throw notFound('找不到这户，请刷新后重试');
  return { unitPath: household.unitPath, resource: household };
}

/** The household no longer lives there (迁出, 并户 …): closed, kept with its visits and its history. */
export const closeHousehold = defineAction({
  input: closeHouseholdInputSchema,
  access: roles(ADMIN_ROLES, closeScope),
  async handler(input, { openid, caller, grants, now }): Promise<HouseholdView> {
    if (input.note) await checkText(openid, SCENE.profile, [input.note]);
    const who = changedBy(openid, caller, grants);
    const closed = await inTransaction(async (tx) => {
      const current = await txGet<HouseholdDoc>(tx, HOUSEHOLDS, input.id);
      if (!current) throw notFound('找不到这户，请刷新后重试');
      if (current.closedAt) return current;
      const next: HouseholdDoc = {
        ...current,
        closedAt: now,
        updatedAt: now,
        history: [
          ...current.history,
          { change: 'closed', at: now, ...who, reason: input.reason, ...(input.note ? { note: input.note } : {}) },
        ],
      };
      const { _id, ...data } = next;
      await tx.collection(HOUSEHOLDS).doc(_id).set({ data });
      return next;
    });
    const unit = await loadUnit(closed.unitId);
    return householdView(closed, unit.name, seesHouseholdPhones(grants, closed.unitPath));
  },
});
