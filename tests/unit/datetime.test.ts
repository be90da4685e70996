import { shanghai } from '@honglin/types/time';
import { dateTime, dateTimeWithWeekday, dayLabel, monthLabel } from '../../src/lib/datetime';

/** The one way the app writes dates and times: in the town's time, the year only when it is not this one. */
describe('datetime', () => {
  const year = shanghai().year();

  test('a moment this year: month, day and time in Shanghai, whatever the zone of the string', () => {
    expect(dateTime(`${year}-03-05T11:30:00Z`)).toBe('3月5日 19:30');
    expect(dateTimeWithWeekday(`${year}-03-05T11:30:00Z`)).toMatch(/^3月5日（周[日一二三四五六]）19:30$/);
  });

  test('another year says the year', () => {
    expect(dateTime('2020-12-31T16:30:00Z')).toBe('2021年1月1日 00:30');
  });

  test('a stored day and a month', () => {
    expect(dayLabel('2021-01-01')).toBe('2021年1月1日（周五）');
    expect(dayLabel(`${year}-01-01`)).toMatch(/^1月1日（周[日一二三四五六]）$/);
    expect(monthLabel('2026-12')).toBe('2026年12月');
  });
});
