import type { Page } from '@honglin/types/common';
import type { Place } from '@honglin/types/org';
import {
  listPlacesInputSchema,
  savePlaceInputSchema,
  type PlaceView,
  type SavePlaceInput,
} from '@honglin/types/org-api';
import { anyone, roles, type ScopeTarget } from '../common/access';
import { db } from '../common/cloud';
import { checkText, SCENE } from '../common/content';
import { ADMIN_ROLES } from '../common/domain/roles';
import { byId, inTransaction, txGet } from '../common/db';
import { conflict, notFound } from '../common/errors';
import { PLACES, loadUnit, unitsById, type PlaceDoc, type UnitDoc } from '../common/org';
import { pageOf } from '../common/pagination';
import { defineAction } from '../common/runtime';

type SavePlace = Exclude<SavePlaceInput, undefined>;

function placeOf(doc: Place): Place {
  return {
    _id: doc._id,
    name: doc.name,
    kind: doc.kind,
    unitId: doc.unitId,
    unitPath: doc.unitPath,
    ...(doc.address ? { address: doc.address } : {}),
    ...(doc.location ? { location: doc.location } : {}),
  };
}

/** Registered places (red-heritage sites, fields, enterprises, venues) in a unit and below, optionally of one kind. */
export const listPlaces = defineAction({
  input: listPlacesInputSchema,
  access: anyone,
  async handler(input): Promise<Page<PlaceView>> {
    const condition: Record<string, unknown> = {};
    if (input.unitId) condition.unitPath = input.unitId;
    if (input.kind) condition.kind = input.kind;
    const page = await pageOf<PlaceDoc>(db.collection(PLACES), condition, 'createdAt', input.cursor, input.size);
    const units = await unitsById(page.items.map((p) => p.unitId));
    return {
      items: page.items.map((p) => ({
        ...placeOf(p),
        unitName: units.get(p.unitId)?.name ?? '',
        createdAt: new Date(p.createdAt).toISOString(),
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  },
});

async function savePlaceScope(input: SavePlace): Promise<ScopeTarget<{ place?: PlaceDoc; unit?: UnitDoc }>> {
  if ('id' in input) {
    const place = await byId<PlaceDoc>(PLACES, input.id);
    if (!place) throw notFound('找不到这个地点，请刷新后重试');
    return { unitPath: place.unitPath, resource: { place } };
  }
  const unit = await loadUnit(input.unitId);
  return { unitPath: unit.path, resource: { unit } };
}

/** A place registered once and referred to by id: created in a unit of the admin's scope, or changed there. */
export const savePlace = defineAction({
  input: savePlaceInputSchema,
  access: roles(ADMIN_ROLES, savePlaceScope),
  async handler(input, { openid, resource, now }): Promise<Place> {
    await checkText(openid, SCENE.profile, [input.name, input.address]);
    const fields = {
      name: input.name,
      kind: input.kind,
      address: input.address ?? '',
      ...(input.coordinates ? { location: { type: 'Point' as const, coordinates: input.coordinates } } : {}),
    };
    if (resource.place) {
      const place = resource.place;
      await db
        .collection(PLACES)
        .doc(place._id)
        .update({ data: { ...fields, updatedAt: now } });
      return placeOf({ ...place, ...fields });
    }
    const unit = resource.unit as UnitDoc;
    const id = (input as { requestId: string }).requestId;
    return inTransaction(async (tx) => {
      const existing = await txGet<PlaceDoc>(tx, PLACES, id);
      if (existing) {
        if (existing.createdBy !== openid) throw conflict('请再试一次');
        return placeOf(existing);
      }
      const place: PlaceDoc = {
        _id: id,
        ...fields,
        unitId: unit._id,
        unitPath: unit.path,
        createdAt: now,
        createdBy: openid,
      };
      const { _id, ...data } = place;
      await tx.collection(PLACES).doc(_id).set({ data });
      return placeOf(place);
    });
  },
});
