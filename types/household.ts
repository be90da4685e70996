import * as z from 'zod';
import { cursorSchema, idSchema, pageSizeSchema, phoneSchema, requestIdSchema } from './common';

/**
 * A household (户) under its neighbourhood (邻), as the village keeps it in its household list: the head of the
 * household, how to reach them, where they live and how many live there. Heads visit households; coverage counts
 * against them.
 */

/** What a village may note about a household, from a fixed list (no free text about people). */
export const HOUSEHOLD_TAGS = ['独居老人', '空巢老人', '留守儿童', '低保户', '五保户', '残疾人', '脱贫户'] as const;
export type HouseholdTag = (typeof HOUSEHOLD_TAGS)[number];

/** Why a household is closed (it stays in the records, with its history). */
export const HOUSEHOLD_CLOSE_REASONS = ['moved_out', 'merged', 'vacant', 'other'] as const;
export type HouseholdCloseReason = (typeof HOUSEHOLD_CLOSE_REASONS)[number];
export const HOUSEHOLD_CLOSE_REASON_LABELS: Record<HouseholdCloseReason, string> = {
  moved_out: '迁出',
  merged: '并户',
  vacant: '无人居住',
  other: '其他',
};

export const householdHeadNameSchema = z.string().trim().min(1, '请填写户主姓名').max(20, '户主姓名最多20字');
export const householdAddressSchema = z.string().trim().max(60, '门牌号或地址最多60字');
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
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListHouseholdsInput = z.input<typeof listHouseholdsInputSchema>;

/**
 * org.saveHousehold — add a household to a neighbourhood (requestId; `splitFrom` when it splits off another), or
 * change one (id): a new `unitId` moves it. Every change is kept in its history.
 */
export const saveHouseholdInputSchema = z.union([
  z.object({ id: idSchema, unitId: idSchema.optional(), ...householdFields }),
  z.object({ requestId: requestIdSchema, unitId: idSchema, splitFrom: idSchema.optional(), ...householdFields }),
]);
export type SaveHouseholdInput = z.input<typeof saveHouseholdInputSchema>;

/** org.closeHousehold — the household no longer lives here; kept with its visits and history. */
export const closeHouseholdInputSchema = z.object({
  id: idSchema,
  reason: z.enum(HOUSEHOLD_CLOSE_REASONS, { message: '请选择注销原因' }),
});
export type CloseHouseholdInput = z.input<typeof closeHouseholdInputSchema>;

export type HouseholdChange = 'created' | 'imported' | 'updated' | 'moved' | 'split' | 'closed';

export interface HouseholdHistoryEntry {
  change: HouseholdChange;
  at: string;
  /** The unit it moved from, the household it split from, or the close reason. */
  from?: string;
  reason?: HouseholdCloseReason;
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
