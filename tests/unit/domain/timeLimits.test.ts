import { autoCloseAt, dueTimes, isOverdue, minutesBetween } from '../../../cloudfunctions/common/domain/timeLimits';
import type { RequestTimeLimits } from '../../../cloudfunctions/common/domain/timeLimits';
import { dayOf, monthOf, shanghai } from '@honglin/types/time';
import settings from '../../../config/honglin.json';

const limits = settings.requestTimeLimits as RequestTimeLimits;
const at = (local: string) => shanghai(`${local}+08:00`).toDate();
const local = (d: Date) => shanghai(d).format('YYYY-MM-DD HH:mm');

describe('due times per category, counted in Asia/Shanghai', () => {
  it('consultation: resolve within 1 day, across midnight and a month end', () => {
    const due = dueTimes('consultation', false, at('2026-01-31T20:30:00'), limits);
    expect(local(due.resolveBy)).toBe('2026-02-01 20:30');
    expect(monthOf(due.resolveBy)).toBe('2026-02');
  });

  it('help and suggestion: 5 days; complaint: 10 days, across February into March', () => {
    const from = at('2026-02-26T09:00:00');
    expect(local(dueTimes('help', false, from, limits).resolveBy)).toBe('2026-03-03 09:00');
    expect(local(dueTimes('suggestion', false, from, limits).resolveBy)).toBe('2026-03-03 09:00');
    expect(local(dueTimes('complaint', false, from, limits).resolveBy)).toBe('2026-03-08 09:00');
  });

  it('urgent: accepted within 2 hours, even late on the last evening of the year', () => {
    const due = dueTimes('help', true, at('2026-12-31T23:15:00'), limits);
    expect(local(due.acceptBy)).toBe('2027-01-01 01:15');
    expect(dayOf(due.acceptBy)).toBe('2027-01-01');
  });

  it('not urgent: accepted within the configured hours', () => {
    const due = dueTimes('complaint', false, at('2026-03-31T16:01:00'), limits);
    expect(local(due.acceptBy)).toBe('2026-04-01 16:01');
  });

  it('an evening in Shanghai that is still the previous day in UTC belongs to the local day', () => {
    const due = dueTimes('consultation', true, at('2026-05-01T07:00:00'), limits);
    expect(dayOf(due.acceptBy)).toBe('2026-05-01');
    expect(due.acceptBy.toISOString()).toBe('2026-05-01T01:00:00.000Z');
  });
});

describe('overdue', () => {
  const acceptBy = at('2026-06-01T10:00:00');
  const resolveBy = at('2026-06-05T10:00:00');
  it('waiting for acceptance past accept-by', () => {
    expect(isOverdue({ state: 'submitted', acceptBy, resolveBy }, at('2026-06-01T10:01:00'))).toBe(true);
    expect(isOverdue({ state: 'submitted', acceptBy, resolveBy }, at('2026-06-01T09:59:00'))).toBe(false);
  });
  it('accepted or in progress past resolve-by', () => {
    expect(isOverdue({ state: 'accepted', acceptBy, resolveBy }, at('2026-06-03T00:00:00'))).toBe(false);
    expect(isOverdue({ state: 'in_progress', acceptBy, resolveBy }, at('2026-06-05T10:01:00'))).toBe(true);
  });
  it('never once resolved or closed', () => {
    expect(isOverdue({ state: 'resolved', acceptBy, resolveBy }, at('2027-01-01T00:00:00'))).toBe(false);
    expect(isOverdue({ state: 'closed', acceptBy, resolveBy }, at('2027-01-01T00:00:00'))).toBe(false);
  });
});

describe('auto-close and durations', () => {
  it('closes unrated 7 days after resolution, across a month end', () => {
    expect(local(autoCloseAt(at('2026-04-28T18:00:00')))).toBe('2026-05-05 18:00');
  });
  it('counts whole minutes', () => {
    expect(minutesBetween(at('2026-01-31T23:30:00'), at('2026-02-01T01:00:00'))).toBe(90);
  });
});
