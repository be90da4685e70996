import { shanghai } from '@honglin/types/time';

/**
 * The one way the app writes dates and times, always in the town's time (Asia/Shanghai): 12月2日 19:30, with the
 * year only when it is not this one; days with their weekday, months as 2026年12月.
 */

const WEEKDAYS = '日一二三四五六';

function datePart(d: ReturnType<typeof shanghai>): string {
  return d.year() === shanghai().year() ? d.format('M月D日') : d.format('YYYY年M月D日');
}

/** A moment: 12月2日 19:30. */
export function dateTime(iso: string): string {
  const d = shanghai(iso);
  return `${datePart(d)} ${d.format('HH:mm')}`;
}

/** A moment people plan their day around: 12月2日（周三）19:30. */
export function dateTimeWithWeekday(iso: string): string {
  const d = shanghai(iso);
  return `${datePart(d)}（周${WEEKDAYS[d.day()]}）${d.format('HH:mm')}`;
}

/** A day (YYYY-MM-DD as stored, or a moment): 12月2日（周三）. */
export function dayLabel(day: string): string {
  const d = shanghai(day.length === 10 ? `${day}T12:00:00+08:00` : day);
  return `${datePart(d)}（周${WEEKDAYS[d.day()]}）`;
}

/** A month (YYYY-MM): 2026年12月. */
export function monthLabel(month: string): string {
  return shanghai(`${month}-01T12:00:00+08:00`).format('YYYY年M月');
}
