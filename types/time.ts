import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

/**
 * Every date the product reasons about (due times, months, periods) is read in the town's zone.
 * This module is the one place that sets it up; import `dayjs` from here, never from 'dayjs'.
 */
dayjs.extend(utc);
dayjs.extend(timezone);

export const TOWN_TIMEZONE = 'Asia/Shanghai';
dayjs.tz.setDefault(TOWN_TIMEZONE);

/** A dayjs value in the town's zone. */
export function shanghai(input?: dayjs.ConfigType): dayjs.Dayjs {
  return input === undefined ? dayjs().tz(TOWN_TIMEZONE) : dayjs(input).tz(TOWN_TIMEZONE);
}

/** The month (YYYY-MM) a moment belongs to, in the town's zone. */
export function monthOf(input: dayjs.ConfigType): string {
  return shanghai(input).format('YYYY-MM');
}

/** The day (YYYY-MM-DD) a moment belongs to, in the town's zone. */
export function dayOf(input: dayjs.ConfigType): string {
  return shanghai(input).format('YYYY-MM-DD');
}

/** [start, end) of a month given as YYYY-MM, in the town's zone. */
export function monthRange(month: string): { start: Date; end: Date } {
  const start = dayjs.tz(`${month}-01 00:00:00`, TOWN_TIMEZONE);
  return { start: start.toDate(), end: start.add(1, 'month').toDate() };
}

export { dayjs };

/**
 * How far back and ahead of today (in the town's zone) a calendar date of each kind may lie. Defined once here
 * and used by every schema with a date (types/common.ts dayWithin, dateTimeWithin, monthWithin), so no year 0001,
 * no month 13, no visit next week.
 */
export interface DateWindow {
  yearsBack: number;
  yearsAhead: number;
  /** The answers for a date before / after the window. */
  tooEarly: string;
  tooLate: string;
}

export const DATE_WINDOWS = {
  /** 走访: not in the future, at most a year back. */
  visit: { yearsBack: 1, yearsAhead: 0, tooEarly: '走访日期不能早于一年前', tooLate: '走访日期不能晚于今天' },
  /** 践诺: done, so not in the future; at most a year back. */
  fulfilment: { yearsBack: 1, yearsAhead: 0, tooEarly: '践诺日期不能早于一年前', tooLate: '践诺日期不能晚于今天' },
  /** A film watched on one's own: not in the future, at most a year back. */
  watched: { yearsBack: 1, yearsAhead: 0, tooEarly: '观看日期不能早于一年前', tooLate: '观看日期不能晚于今天' },
  /** A pledge's due day: today at the earliest, at most two years ahead. */
  pledgeDue: { yearsBack: 0, yearsAhead: 2, tooEarly: '完成日期不能早于今天', tooLate: '完成日期不能晚于两年以后' },
  /** An activity: recorded at most a year back, planned at most two years ahead. */
  activity: { yearsBack: 1, yearsAhead: 2, tooEarly: '活动时间不能早于一年前', tooLate: '活动时间不能晚于两年以后' },
  /** A month asked for in lists and figures. */
  month: { yearsBack: 20, yearsAhead: 2, tooEarly: '月份太早了', tooLate: '月份不能晚于两年以后' },
} satisfies Record<string, DateWindow>;

/** True for a real calendar day written YYYY-MM-DD (no 2026-02-30, no month 13). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Why a calendar day (YYYY-MM-DD, or YYYY-MM for a month) lies outside its window, or null when inside. */
export function outsideWindow(day: string, window: DateWindow, now: Date = new Date()): string | null {
  const today = shanghai(now);
  const month = day.length === 7;
  const unit = month ? 'month' : 'day';
  const format = month ? 'YYYY-MM' : 'YYYY-MM-DD';
  const earliest = today.subtract(window.yearsBack, 'year').startOf(unit).format(format);
  const latest = today.add(window.yearsAhead, 'year').endOf(unit).format(format);
  if (day < earliest) return window.tooEarly;
  if (day > latest) return window.tooLate;
  return null;
}
