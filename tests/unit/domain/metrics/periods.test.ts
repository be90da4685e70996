import { periodLabel, periodMonths, recentMonths } from '../../../../cloudfunctions/common/domain/metrics/periods';

// 2025-04-01 00:00 in Shanghai.
const APRIL = Date.UTC(2025, 2, 31, 16);

describe('periods', () => {
  it.each([
    [{ kind: 'month', month: '2025-02' } as const, ['2025-02'], '2025年2月'],
    [{ kind: 'quarter', year: 2025, quarter: 4 } as const, ['2025-10', '2025-11', '2025-12'], '2025年第四季度'],
    [
      { kind: 'year', year: 2024 } as const,
      Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`),
      '2024年',
    ],
    [
      { kind: 'range', from: '2024-11', to: '2025-02' } as const,
      ['2024-11', '2024-12', '2025-01', '2025-02'],
      '2024年11月至2025年2月',
    ],
  ])('%j has its months and its label', (period, months, label) => {
    expect(periodMonths(period)).toEqual(months);
    expect(periodLabel(period)).toBe(label);
  });

  it('refuses a range that ends before it starts or is longer than 36 months', () => {
    expect(periodMonths({ kind: 'range', from: '2025-03', to: '2025-02' })).toBe('开始月份不能晚于结束月份');
    expect(periodMonths({ kind: 'range', from: '2020-01', to: '2023-01' })).toBe('一次最多统计36个月');
    expect(periodMonths({ kind: 'range', from: '2020-01', to: '2022-12' })).toHaveLength(36);
  });

  it('reconciles last month and this month, in Shanghai', () => {
    expect(recentMonths(new Date(APRIL - 1))).toEqual(['2025-02', '2025-03']);
    expect(recentMonths(new Date(APRIL))).toEqual(['2025-03', '2025-04']);
    expect(recentMonths(new Date(Date.UTC(2025, 0, 1, 3)))).toEqual(['2024-12', '2025-01']);
  });
});
