import * as z from 'zod';
import { cursorSchema, freeText, idSchema, pageSizeSchema, requestIdSchema } from './common';
import { PLACE_KINDS, UNIT_KINDS, type Branch, type Place, type Unit, type UnitKind } from './org';

/** The id of the town, the root of the unit tree (created from config/honglin.json when the first town admin comes). */
export const TOWN_ROOT_ID = 'town';

/** org.tree — a unit, the units above it, and the units below it down to `depth` levels. */
export const treeInputSchema = z.object({
  /** Defaults to the town (the root of the tree). */
  rootId: idSchema.optional(),
  depth: z.number().int().min(1).max(4).default(1),
});
export type TreeInput = z.input<typeof treeInputSchema>;

export interface TreeAnswer {
  root: Unit;
  /** From the town down to the root's parent. */
  ancestors: Unit[];
  /** Every unit below the root down to `depth` levels, depth first (each unit followed by its children), siblings by `order`. */
  units: Unit[];
}

/** The kind of unit that sits directly below a kind (null under a neighbourhood). */
export function childKindOf(kind: UnitKind): UnitKind | null {
  return UNIT_KINDS[UNIT_KINDS.indexOf(kind) + 1] ?? null;
}

const unitNameSchema = freeText().min(1, '请填写名称').max(30, '名称最多30个字');

/** org.createUnit — a unit under a parent; its kind is the level below the parent's. */
export const createUnitInputSchema = z.object({
  requestId: requestIdSchema,
  parentId: idSchema,
  name: unitNameSchema,
  order: z.number().int().min(0).max(9999).optional(),
});
export type CreateUnitInput = z.input<typeof createUnitInputSchema>;

/** org.updateUnit — rename or reorder (a unit never moves: its path and every grant in it stay valid). */
export const updateUnitInputSchema = z
  .object({
    id: idSchema,
    name: unitNameSchema.optional(),
    order: z.number().int().min(0).max(9999).optional(),
  })
  .refine((v) => v.name !== undefined || v.order !== undefined, { message: '没有要修改的内容' });
export type UpdateUnitInput = z.input<typeof updateUnitInputSchema>;

/** org.listBranches — party branches attached to a unit or below it. */
export const listBranchesInputSchema = z.object({
  /** Defaults to the town: every branch. */
  unitId: idSchema.optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListBranchesInput = z.input<typeof listBranchesInputSchema>;

const branchNameSchema = freeText().min(2, '请填写支部名称').max(40, '支部名称最多40个字');

/** org.saveBranch — create (requestId + unitId) or rename (id). A branch stays attached to its unit. */
export const saveBranchInputSchema = z.union([
  z.object({ id: idSchema, name: branchNameSchema }),
  z.object({ requestId: requestIdSchema, unitId: idSchema, name: branchNameSchema }),
]);
export type SaveBranchInput = z.input<typeof saveBranchInputSchema>;

export interface BranchView extends Branch {
  unitName: string;
  createdAt: string;
}

/** org.listPlaces — registered places in a unit and below, optionally of one kind. */
export const listPlacesInputSchema = z.object({
  unitId: idSchema.optional(),
  kind: z.enum(PLACE_KINDS).optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListPlacesInput = z.input<typeof listPlacesInputSchema>;

const placeFields = {
  name: freeText().min(2, '请填写地点名称').max(40, '地点名称最多40个字'),
  kind: z.enum(PLACE_KINDS, { message: '请选择地点类型' }),
  address: freeText().max(80, '地址最多80个字').optional(),
  /** [longitude, latitude] */
  coordinates: z
    .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { message: '位置格式不正确' })
    .optional(),
};

/** org.savePlace — create (requestId + unitId) or change (id). A place stays in its unit. */
export const savePlaceInputSchema = z.union([
  z.object({ id: idSchema, ...placeFields }),
  z.object({ requestId: requestIdSchema, unitId: idSchema, ...placeFields }),
]);
export type SavePlaceInput = z.input<typeof savePlaceInputSchema>;

export interface PlaceView extends Place {
  unitName: string;
  createdAt: string;
}
