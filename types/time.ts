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
