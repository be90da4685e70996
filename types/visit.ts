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
import type { HouseholdView } from './household';

/** A problem a resident raised on a visit: it becomes a request in the same step (reported by the head). */
export const visitProblemSchema = z.object({
  category: requestCategorySchema,
  urgent: z.boolean().default(false),
  text: freeText().min(2, '请用几句话写下反映的问题').max(1000, '内容最多1000字'),
});
export type VisitProblem = z.input<typeof visitProblemSchema>;

/**
 * The household visited: one of the village's household records in the head's unit, picked from the list (a new
 * one is added first with org.saveHousehold). A phone number goes with the problems only when the resident gives
 * it for them there and then: never copied from the household record.
 */
export const visitedHouseholdSchema = z.object({
  householdId: idSchema,
  phone: phoneSchema.optional(),
});
export type VisitedHousehold = z.input<typeof visitedHouseholdSchema>;

/** visit.log — 访一访: a head logs one visit; idempotent by requestId. */
export const logVisitInputSchema = z.object({
  requestId: requestIdSchema,
  /** The unit the head visits for (one of their head roles); default their first. */
  unitId: idSchema.optional(),
  household: visitedHouseholdSchema,
  date: dayWithin(DATE_WINDOWS.visit),
  discussed: freeText().min(2, '请写下聊了些什么').max(1000, '内容最多1000字'),
  problems: z.array(visitProblemSchema).max(5, '一次最多记5个问题，更多的请分开提交').default([]),
  /** 帮一帮: the head helped with something on the spot (counted with the visit). */
  helpedOnSpot: z.boolean().default(false),
});
export type LogVisitInput = z.input<typeof logVisitInputSchema>;

/** visit.list — the caller's own visits of a month (default this one), newest day first. */
export const listVisitsInputSchema = z.object({
  month: monthSchema.optional(),
  cursor: cursorSchema,
  size: pageSizeSchema,
});
export type ListVisitsInput = z.input<typeof listVisitsInputSchema>;

/** visit.notVisited — the open households of a unit that nobody visited in the month (default this one). */
export const notVisitedInputSchema = z.object({
  unitId: idSchema,
  month: monthSchema.optional(),
});
export type NotVisitedInput = z.input<typeof notVisitedInputSchema>;

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
  /** Null on visits logged before households were records (a resident's account or a typed name). */
  householdId: string | null;
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

export interface VisitList {
  month: string;
  items: VisitView[];
  nextCursor?: string;
}

/**
 * The unit's open households without a visit in the month, by neighbourhood, house number, then name: a list of
 * where to go, never ordered by anything about the people.
 */
export interface NotVisited {
  month: string;
  households: HouseholdView[];
  /** The unit's open households, visited or not. */
  total: number;
}

/**
 * One head's month: the unit's open households visited by anyone in the month, out of the unit's open households.
 * A list ordered by unit, never a ranking.
 */
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
  /** The whole scope (the village, or `unitId` and below): households visited out of its open households. */
  total: { visited: number; households: number };
}
