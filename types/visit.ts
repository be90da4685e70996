import * as z from 'zod';
import {
  cursorSchema,
  dayWithin,
  freeText,
  idSchema,
  monthSchema,
  pageSizeSchema,
  phoneSchema,
  requestIdSchema,
} from './common';
import { DATE_WINDOWS } from './time';
import { requestCategorySchema, type RequestCategory } from './request';

/** A problem a resident raised on a visit: it becomes a request in the same step (reported by the head). */
export const visitProblemSchema = z.object({
  category: requestCategorySchema,
  urgent: z.boolean().default(false),
  text: freeText().min(2, '请用几句话写下反映的问题').max(1000, '内容最多1000字'),
});
export type VisitProblem = z.input<typeof visitProblemSchema>;

/**
 * The household visited: a registered resident of the head's unit, or just a name. A phone number goes with the
 * problems only when the resident gives it for them there and then: never copied from their profile.
 */
export const householdSchema = z.union([
  z.object({ userId: idSchema, phone: phoneSchema.optional() }),
  z.object({ name: freeText().min(1, '请填写户主姓名').max(20, '姓名最多20字'), phone: phoneSchema.optional() }),
]);
export type Household = z.input<typeof householdSchema>;

/** visit.log — 访一访: a head logs one visit; idempotent by requestId. */
export const logVisitInputSchema = z.object({
  requestId: requestIdSchema,
  /** The unit the head visits for (one of their head roles); default their first. */
  unitId: idSchema.optional(),
  /** For a named household (no account): the neighbourhood it lives in; a registered one brings its own. */
  neighbourhoodId: idSchema.optional(),
  household: householdSchema,
  date: dayWithin(DATE_WINDOWS.visit),
  discussed: freeText().min(2, '请写下聊了些什么').max(1000, '内容最多1000字'),
  problems: z.array(visitProblemSchema).max(5, '一次最多记5个问题，更多的请分开提交').default([]),
  /** 帮一帮: the head helped with something on the spot (counted with the visit). */
  helpedOnSpot: z.boolean().default(false),
});
export type LogVisitInput = z.input<typeof logVisitInputSchema>;

export const listVisitsInputSchema = z.object({
  /** visits: the caller's visit log; notVisited: households of their unit not visited in the month. */
  view: z.enum(['visits', 'notVisited']).default('visits'),
  unitId: idSchema.optional(),
  month: monthSchema.optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListVisitsInput = z.input<typeof listVisitsInputSchema>;

export const coverageInputSchema = z.object({
  /** The village (or community) whose heads are listed. */
  villageId: idSchema,
  /** A block, group or neighbourhood of the village: only its own heads and those below it (a head's own view). */
  unitId: idSchema.optional(),
  month: monthSchema.optional(),
});
export type CoverageInput = z.input<typeof coverageInputSchema>;

export interface VisitView {
  _id: string;
  householdName: string;
  date: string;
  discussed: string;
  problems: Array<{ category: RequestCategory; text: string; requestId: string }>;
  unitName: string;
  createdAt: string;
}

export interface LogVisitResult {
  id: string;
  requestIds: string[];
  created: boolean;
}

export interface HouseholdView {
  userId: string;
  name: string;
}

export type VisitList =
  | { view: 'visits'; month: string; items: VisitView[]; nextCursor?: string }
  | { view: 'notVisited'; month: string; households: HouseholdView[]; total: number };

/** One head's month: households visited out of households in their unit. A list ordered by unit name, never a ranking. */
export interface CoverageRow {
  headName: string;
  roleLabel: string;
  unitId: string;
  unitName: string;
  visited: number;
  households: number;
}

export interface Coverage {
  month: string;
  rows: CoverageRow[];
}
