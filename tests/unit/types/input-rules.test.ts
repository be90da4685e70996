import { dayWithin, freeText, hasVisibleCharacters, monthSchema } from '@honglin/types/common';
import { nestsDeeperThan } from '@honglin/types/json';
import { DATE_WINDOWS, isCalendarDay, outsideWindow } from '@honglin/types/time';

describe('calendar days and their windows', () => {
  it('knows real days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('0001-01-01')).toBe(true);
    for (const day of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-1-1', '']) {
      expect(isCalendarDay(day)).toBe(false);
    }
  });

  it('places a day before, inside or after its window around today in the town’s zone', () => {
    // 2026-12-01 23:30 UTC is already 2026-12-02 in Shanghai.
    const now = new Date('2026-12-01T23:30:00Z');
    expect(outsideWindow('2026-12-02', DATE_WINDOWS.visit, now)).toBeNull();
    expect(outsideWindow('2026-12-03', DATE_WINDOWS.visit, now)).toBe('走访日期不能晚于今天');
    expect(outsideWindow('2025-12-02', DATE_WINDOWS.visit, now)).toBeNull();
    expect(outsideWindow('2025-12-01', DATE_WINDOWS.visit, now)).toBe('走访日期不能早于一年前');
    expect(outsideWindow('2026-12-01', DATE_WINDOWS.pledgeDue, now)).toBe('完成日期不能早于今天');
    expect(outsideWindow('2028-12-02', DATE_WINDOWS.pledgeDue, now)).toBeNull();
    expect(outsideWindow('2028-12-03', DATE_WINDOWS.pledgeDue, now)).toBe('完成日期不能晚于两年以后');
    expect(outsideWindow('0001-01', DATE_WINDOWS.month, now)).toBe('月份太早了');
  });

  it('schemas refuse an unreal day before its window, and month 13', () => {
    const visitDay = dayWithin(DATE_WINDOWS.visit);
    expect(visitDay.safeParse('2026-02-30').error?.issues[0].message).toBe('不是有效的日期');
    expect(monthSchema.safeParse('2026-13').success).toBe(false);
    expect(monthSchema.safeParse('0001-01').success).toBe(false);
  });
});

describe('visible text', () => {
  it('needs a character a reader can see', () => {
    for (const blank of ['', ' ', '\u200b', '\u200b\u200c\u200d\u2060\ufeff', '\u3000\u00a0', '\u3164\u115f', '\u2800'])
      expect(hasVisibleCharacters(blank)).toBe(false);
    for (const text of ['a', '路灯', '\u200b灯', '1']) expect(hasVisibleCharacters(text)).toBe(true);
  });

  it('freeText keeps the empty text for optional fields and trims', () => {
    expect(freeText().parse('  路灯 ')).toBe('路灯');
    expect(freeText().safeParse('').success).toBe(true);
    expect(freeText().safeParse('\u200b\u200b').success).toBe(false);
  });
});

describe('nesting depth', () => {
  it('walks without recursion, so even a very deep value answers', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    expect(nestsDeeperThan(deep)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: { c: [1, 2] } }] })).toBe(false);
    let exactly: unknown = 1;
    for (let i = 0; i < 32; i += 1) exactly = { x: exactly };
    expect(nestsDeeperThan(exactly)).toBe(false);
    expect(nestsDeeperThan({ y: exactly })).toBe(true);
  });
});
