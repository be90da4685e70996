import * as z from 'zod';
import { cursorSchema, freeText, idSchema, pageSizeSchema, phoneSchema, requestIdSchema } from './common';

/**
 * A household (户) under its neighbourhood (邻), as the village keeps it in its household list: the head of the
 * household, how to reach them, where they live and how many live there. Heads visit households; coverage counts
 * against them.
 */

/** What a village may note about a household, from a fixed list (no free text about people). */
export const HOUSEHOLD_TAGS = ['独居老人', '空巢老人', '留守儿童', '低保户', '五保户', '残疾人', '脱贫户'] as const;
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

/** Why a household is closed (it stays in the records, with its history). */
export const HOUSEHOLD_CLOSE_REASONS = ['moved_out', 'merged', 'deceased', 'vacant', 'other'] as const;
export type HouseholdCloseReason = (typeof HOUSEHOLD_CLOSE_REASONS)[number];
export const HOUSEHOLD_CLOSE_REASON_LABELS: Record<HouseholdCloseReason, string> = {
  moved_out: '迁出',
  merged: '并户',
  deceased: '户内人员已故',
  vacant: '无人居住',
  other: '其他',
};

/** Why a household moved or closed, in a few words (kept in its history). */
export const householdNoteSchema = freeText().max(60, '说明最多60字');

export const householdHeadNameSchema = freeText().min(1, '请填写户主姓名').max(20, '户主姓名最多20字');
export const householdAddressSchema = freeText().max(60, '门牌号或地址最多60字');
export const householdSizeSchema = z.number().int('人口数应为整数').min(1, '人口数至少为1').max(30, '人口数最多30');
export const householdTagsSchema = z
  .array(
    z.enum(HOUSEHOLD_TAGS, { message: '备注只能是：独居老人、空巢老人、留守儿童、低保户、五保户、残疾人、脱贫户' }),
  )
  .max(HOUSEHOLD_TAGS.length);

const householdFields = {
  headName: householdHeadNameSchema,
  phone: z.union([phoneSchema, z.literal('')]).optional(),
  address: householdAddressSchema.optional(),
  size: householdSizeSchema.optional(),
  tags: householdTagsSchema.optional(),
};

/** org.listHouseholds — the households of a unit and below (open ones unless asked), by neighbourhood then name. */
export const listHouseholdsInputSchema = z.object({
  unitId: idSchema,
  includeClosed: z.boolean().default(false),
  /** Part of the head of household's name or of the house number (a head picking the household they visit). */
  search: freeText().max(20, '搜索内容最多20字').optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListHouseholdsInput = z.input<typeof listHouseholdsInputSchema>;

/**
 * org.saveHousehold — add a household to a neighbourhood (requestId; `splitFrom` when it splits off another), or
 * change one (id): a new `unitId` moves it to another neighbourhood of its village, `note` saying why. Every change
 * is kept in its history, with who made it.
 */
export const saveHouseholdInputSchema = z.union([
  z.object({ id: idSchema, unitId: idSchema.optional(), note: householdNoteSchema.optional(), ...householdFields }),
  z.object({ requestId: requestIdSchema, unitId: idSchema, splitFrom: idSchema.optional(), ...householdFields }),
]);
export type SaveHouseholdInput = z.input<typeof saveHouseholdInputSchema>;

/** org.closeHousehold — the household no longer lives here; kept with its visits and history. */
export const closeHouseholdInputSchema = z.object({
  id: idSchema,
  reason: z.enum(HOUSEHOLD_CLOSE_REASONS, { message: '请选择注销原因' }),
  note: householdNoteSchema.optional(),
});
export type CloseHouseholdInput = z.input<typeof closeHouseholdInputSchema>;

/** `split`: this household split off `from`; `splitOff`: household `to` split off this one. */
export type HouseholdChange = 'created' | 'imported' | 'updated' | 'moved' | 'split' | 'splitOff' | 'closed';

export interface HouseholdHistoryEntry {
  change: HouseholdChange;
  at: string;
  /** Who made the change, as they were named then (name and role); absent on records imported before it was kept. */
  byName?: string;
  /** The unit it moved from, or the household it split from. */
  from?: string;
  /** The unit it moved to, or the household split off it. */
  to?: string;
  reason?: HouseholdCloseReason;
  /** Why, in the words of whoever moved or closed it. */
  note?: string;
}

export interface HouseholdView {
  _id: string;
  unitId: string;
  unitName: string;
  headName: string;
  /** Shown in full to the admins of its village; masked (138****5678) for heads and town admins. */
  phone: string;
  address: string;
  size: number | null;
  tags: HouseholdTag[];
  closed: boolean;
  history: HouseholdHistoryEntry[];
}
