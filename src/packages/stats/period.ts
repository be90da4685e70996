import type { Period } from '@honglin/types/stats';
import { shanghai } from '@honglin/types/time';

/** The period pickers' kinds, in the order the page shows them. */
export const PERIOD_KINDS: Array<{ kind: Period['kind']; label: string }> = [
  { kind: 'month', label: '按月' },
  { kind: 'quarter', label: '按季度' },
  { kind: 'year', label: '按年' },
  { kind: 'range', label: '自选月份' },
];

/** The current period of a kind (this month, this quarter, this year; the last six months for a range). */
export function currentPeriod(kind: Period['kind'], now = shanghai()): Period {
  switch (kind) {
    case 'month':
      return { kind, month: now.format('YYYY-MM') };
    case 'quarter':
      return { kind, year: now.year(), quarter: Math.floor(now.month() / 3) + 1 };
    case 'year':
      return { kind, year: now.year() };
    case 'range':
      return { kind, from: now.subtract(5, 'month').format('YYYY-MM'), to: now.format('YYYY-MM') };
  }
}

/** The period one step earlier (-1) or later (+1); a range moves by its own length. */
export function shiftPeriod(period: Period, step: -1 | 1): Period {
  switch (period.kind) {
    case 'month':
      return { ...period, month: shanghai(`${period.month}-01`).add(step, 'month').format('YYYY-MM') };
    case 'quarter': {
      const index = period.year * 4 + period.quarter - 1 + step;
      return { ...period, year: Math.floor(index / 4), quarter: (index % 4) + 1 };
    }
    case 'year':
      return { ...period, year: period.year + step };
    case 'range': {
      const from = shanghai(`${period.from}-01`);
      const length = shanghai(`${period.to}-01`).diff(from, 'month') + 1;
      return {
        ...period,
        from: from.add(step * length, 'month').format('YYYY-MM'),
        to: shanghai(`${period.to}-01`)
          .add(step * length, 'month')
          .format('YYYY-MM'),
      };
    }
  }
}

/** 5月 under a trend bar. */
export const monthShort = (month: string) => `${Number(month.slice(5, 7))}月`;
