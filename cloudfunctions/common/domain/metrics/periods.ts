import type { Period } from '@honglin/types/stats';
import { MAX_PERIOD_MONTHS } from '@honglin/types/stats';
import { dayjs, monthOf, TOWN_TIMEZONE } from '@honglin/types/time';

/**
 * The months statistics are asked for and kept by, pure: a period as its months and as it reads in Chinese, and
 * the months the reconciliation and the nightly shard timer look at. Months are read in Asia/Shanghai.
 */

/** The months of a period, oldest first; a string explains a period that cannot be used. */
export function periodMonths(period: Period): string[] | string {
  let from: string;
  let to: string;
  switch (period.kind) {
    case 'month':
      from = to = period.month;
      break;
    case 'quarter': {
      const first = (period.quarter - 1) * 3 + 1;
      from = `${period.year}-${String(first).padStart(2, '0')}`;
      to = `${period.year}-${String(first + 2).padStart(2, '0')}`;
      break;
    }
    case 'year':
      from = `${period.year}-01`;
      to = `${period.year}-12`;
      break;
    case 'range':
      from = period.from;
      to = period.to;
  }
  if (from > to) return '开始月份不能晚于结束月份';
  const months: string[] = [];
  for (let m = dayjs.tz(`${from}-01`, TOWN_TIMEZONE); m.format('YYYY-MM') <= to; m = m.add(1, 'month')) {
    months.push(m.format('YYYY-MM'));
    if (months.length > MAX_PERIOD_MONTHS) return `一次最多统计${MAX_PERIOD_MONTHS}个月`;
  }
  return months;
}

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** How a period reads in Chinese: 2026年5月, 2026年第二季度, 2026年, 2026年1月至2026年6月. */
export function periodLabel(period: Period): string {
  switch (period.kind) {
    case 'month':
      return monthLabel(period.month);
    case 'quarter':
      return `${period.year}年第${'一二三四'[period.quarter - 1]}季度`;
    case 'year':
      return `${period.year}年`;
    case 'range':
      return period.from === period.to
        ? monthLabel(period.from)
        : `${monthLabel(period.from)}至${monthLabel(period.to)}`;
  }
}

/** The months a reconciliation looks at by default: last month and this month. */
export function recentMonths(now: Date): string[] {
  const current = monthOf(now);
  const last = dayjs.tz(`${current}-01`, TOWN_TIMEZONE).subtract(1, 'month').format('YYYY-MM');
  return [last, current];
}

/** The months whose counter shards the nightly timer prepares: this month and next month. */
export function shardMonths(now: Date): string[] {
  const current = monthOf(now);
  const next = dayjs.tz(`${current}-01`, TOWN_TIMEZONE).add(1, 'month').format('YYYY-MM');
  return [current, next];
}
