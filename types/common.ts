import * as z from 'zod';
import { DATE_WINDOWS, dayOf, isCalendarDay, outsideWindow, type DateWindow } from './time';

/** Document ids are opaque strings chosen by the database or derived from a request id. */
export const idSchema = z.string().min(1, '缺少编号').max(64, '编号过长');

/** Client-generated id that makes a create action idempotent (retries create one record). */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确');

/** An opaque pagination cursor returned by list actions. */
export const cursorSchema = z.string().max(200).optional();

export const pageSizeSchema = z.number().int().min(1).max(50).default(20);

export interface Page<T> {
  items: T[];
  /** Absent when there is nothing more. */
  nextCursor?: string;
}

/** Dates travel as ISO strings; they are stored as dates and shown in Asia/Shanghai. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, message: '时间格式不正确' });
/** A calendar day in Asia/Shanghai, YYYY-MM-DD: a real one (no 2026-02-30). Fields take dayWithin. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')
  .refine(isCalendarDay, '不是有效的日期');

/** A real calendar day within its window of time.ts DATE_WINDOWS (checked against today when it arrives). */
export function dayWithin(window: DateWindow) {
  return daySchema.superRefine((day, ctx) => {
    const problem = isCalendarDay(day) ? outsideWindow(day, window) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A moment (ISO with offset) whose day in the town's zone lies within its window. */
export function dateTimeWithin(window: DateWindow) {
  return isoDateTimeSchema.superRefine((at, ctx) => {
    if (Number.isNaN(Date.parse(at))) return;
    const problem = outsideWindow(dayOf(at), window);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** A calendar month in Asia/Shanghai, YYYY-MM, within DATE_WINDOWS.month (no year 0001, no month 13). */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 年-月')
  .superRefine((month, ctx) => {
    const problem = outsideWindow(month, DATE_WINDOWS.month);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Spaces, line breaks, control and format characters (zero-width space, joiners, BOM…), and blank-looking fillers. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\u034F\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** True when the text has at least one character a reader can see. */
export function hasVisibleCharacters(text: string): boolean {
  return text.replace(INVISIBLE, '').length > 0;
}

/**
 * Every free text a person writes: trimmed, and refused when what is left shows nothing (whitespace or zero-width
 * characters alone). An empty text passes here: fields that need one say so with min(), optional ones may be empty.
 */
export function freeText() {
  return z
    .string()
    .trim()
    .refine((text) => text === '' || hasVisibleCharacters(text), '请填写看得见的文字，不能只有空格或不可见字符');
}

/** cloud:// file ids returned by storage uploads. */
export const fileIdSchema = z
  .string()
  .regex(/^cloud:\/\/\S+$/, '图片地址不正确')
  .max(500);
export const photosSchema = z.array(fileIdSchema).max(9, '最多上传9张照片').default([]);

export const phoneSchema = z.string().regex(/^1\d{10}$/, '请填写11位手机号');
