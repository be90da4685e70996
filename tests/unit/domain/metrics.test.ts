import {
  activityHeld,
  counterDrift,
  figuresOf,
  periodLabel,
  periodMonths,
  rebuildCounters,
  recentMonths,
  requestFirstResolved,
  requestReceived,
  summaryText,
  type RecordSet,
} from '../../../cloudfunctions/common/domain/metrics';
import { flattenCounts, nestCounts } from '../../../cloudfunctions/common/counters';

const empty: RecordSet = { requests: [], requestEvents: [], pledges: [], activities: [], visits: [] };
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

describe('figures', () => {
  it('computes rates and averages, and null where there is nothing to divide', () => {
    const f = figuresOf({
      sums: {
        'request.accepted': 4,
        'request.acceptedOnTime': 3,
        'request.resolved': 2,
        'request.resolveMinutes': 150,
        'request.rated': 3,
        'request.satisfied': 2,
      },
      distinct: { 'pledge.members': 7 },
      branchesAllThree: 2,
      overduePledgesNow: 1,
    });
    expect(f.requests).toMatchObject({ acceptedOnTimeRate: 0.75, averageResolveHours: 1.3, satisfactionRate: 0.667 });
    expect(f.pledges).toMatchObject({ members: 7, overdueNow: 1 });
    expect(f.partyDay.branchesAllThree).toBe(2);
    const none = figuresOf({ sums: {}, distinct: {}, branchesAllThree: 0, overduePledgesNow: 0 });
    expect(none.requests).toMatchObject({
      acceptedOnTimeRate: null,
      averageResolveHours: null,
      satisfactionRate: null,
    });
  });

  it('writes the summary in the town’s style, leaving out what did not happen', () => {
    const f = figuresOf({
      sums: {
        'activity.lessonHeld': 20,
        'activity.participants': 1500,
        'pledge.submitted': 1600,
        'pledge.fulfilments': 2000,
        'request.received': 90,
        'request.resolved': 82,
        'request.rated': 80,
        'request.satisfied': 78,
        'request.enterpriseResolved': 36,
        'request.disputeResolved': 14,
      },
      distinct: { 'pledge.members': 789, 'request.enterprises': 22 },
      branchesAllThree: 0,
      overduePledgesNow: 0,
    });
    expect(summaryText({ name: '鹿原镇', kind: 'town' }, '2025年', f)).toBe(
      '2025年，鹿原镇全镇已开展田间微党课20场，参与1500人次；789名党员作出承诺1600项，记录践诺2000次；' +
        '受理群众诉求90件，办结82件，群众满意率97.5%；为22家企业解决实际困难36个；化解矛盾纠纷14个。',
    );
    expect(summaryText({ name: '西草坪村', kind: 'village' }, '2025年3月', null)).toBe(
      '2025年3月，西草坪村暂无统计数据。',
    );
  });
});

describe('counters rebuilt from the records', () => {
  it('puts each event in its Shanghai month, one millisecond either side of midnight', () => {
    const records: RecordSet = {
      ...empty,
      requests: [
        {
          unitPath: ['t', 'v', 'n'],
          category: 'enterprise',
          enterprise: { name: '茶厂' },
          responsibleKind: 'village',
          createdAt: new Date(APRIL - 1),
          firstResolvedAt: new Date(APRIL + 90 * 60_000),
        },
        { unitPath: ['t', 'v', 'n'], category: 'help', responsibleKind: 'neighbourhood', createdAt: new Date(APRIL) },
      ],
      requestEvents: [
        { unitPath: ['t', 'v', 'n'], event: 'closed', at: new Date(APRIL - 1) },
        { unitPath: ['t', 'v', 'n'], event: 'reopened', at: new Date(APRIL) },
        { unitPath: ['t', 'v', 'n'], event: 'assigned', at: new Date(APRIL) },
      ],
    };
    const rebuilt = rebuildCounters(records, ['2025-03', '2025-04']);
    expect(rebuilt.get('v|2025-03')?.counts).toEqual({
      'request.received': 1,
      'request.category.enterprise.received': 1,
      'request.rated': 1,
      'request.satisfied': 1,
    });
    expect(rebuilt.get('t|2025-04')?.counts).toEqual({
      'request.received': 1,
      'request.category.help.received': 1,
      'request.resolved': 1,
      'request.resolveMinutes': 90,
      'request.enterpriseResolved': 1,
      'request.category.enterprise.resolved': 1,
      'request.level.village.resolved': 1,
      'request.rated': 1,
    });
    // Markers once per event, at its village: the town's distinct figures group its villages' markers when read.
    expect(rebuilt.get('v|2025-04')?.markers).toEqual([{ name: 'request.enterprises', key: 'name:茶厂', sub: '' }]);
    expect(rebuilt.get('t|2025-04')?.markers).toEqual([]);
    expect(rebuilt.has('n|2025-04')).toBe(false);
  });

  it('keeps the markers of the town organs’ branch (path [town]) at the town, and each village’s at the village', () => {
    const rebuilt = rebuildCounters(
      {
        ...empty,
        pledges: [
          { unitPath: ['t'], ownerId: 'm1', submittedAt: new Date(APRIL) },
          { unitPath: ['t', 'v', 'k'], ownerId: 'm2', submittedAt: new Date(APRIL) },
          { unitPath: ['t', 'w'], ownerId: 'm2', submittedAt: new Date(APRIL) },
        ],
      },
      ['2025-04'],
    );
    const members = (unitId: string) => rebuilt.get(`${unitId}|2025-04`)?.markers.map((m) => m.key);
    expect(members('t')).toEqual(['m1']);
    expect(members('v')).toEqual(['m2']);
    expect(members('w')).toEqual(['m2']);
    expect(rebuilt.get('t|2025-04')?.counts).toEqual({ 'pledge.submitted': 3 });
  });

  it('counts held sessions by the month they took place, with a marker per branch and kind', () => {
    const rebuilt = rebuildCounters(
      {
        ...empty,
        activities: [
          {
            unitPath: ['t', 'v'],
            branchId: 'b',
            kind: 'lesson',
            month: '2025-04',
            status: 'recorded',
            attendance: { present: 12 },
          },
          {
            unitPath: ['t', 'v'],
            branchId: 'b',
            kind: 'lesson',
            month: '2025-04',
            status: 'held',
            attendance: { present: 3 },
          },
          {
            unitPath: ['t', 'v'],
            branchId: 'b',
            kind: 'film',
            month: '2025-04',
            status: 'cancelled',
            attendance: { present: 0 },
          },
        ],
      },
      ['2025-04'],
    );
    expect(rebuilt.get('v|2025-04')?.counts).toEqual({ 'activity.lessonHeld': 2, 'activity.participants': 15 });
    expect(rebuilt.get('v|2025-04')?.markers).toEqual([{ name: 'activity.held', key: 'b', sub: 'lesson' }]);
  });

  it('reports drift by name, leaving the one counter records cannot rebuild', () => {
    expect(
      counterDrift(
        { 'request.received': 3, 'request.acceptedOnTime': 9 },
        { 'request.received': 2, 'pledge.submitted': 1 },
      ),
    ).toEqual({
      'request.received': [3, 2],
      'pledge.submitted': [0, 1],
    });
  });
});

describe('what one event adds (the same definitions the events and the rebuild use)', () => {
  it('counts a request by category when raised, and once by category, level and enterprise when first resolved', () => {
    expect(requestReceived('dispute').deltas).toEqual({
      'request.received': 1,
      'request.category.dispute.received': 1,
    });
    const resolved = requestFirstResolved(
      {
        category: 'enterprise',
        enterprise: { name: '茶厂', placeId: 'p1' },
        responsibleKind: 'group',
        createdAt: new Date(APRIL),
      },
      new Date(APRIL + 61 * 60_000 + 29_000),
    );
    expect(resolved.deltas).toMatchObject({
      'request.resolveMinutes': 61,
      'request.level.group.resolved': 1,
      'request.enterpriseResolved': 1,
    });
    expect(resolved.distinct).toEqual({ 'request.enterprises': { key: 'place:p1' } });
  });

  it('marks the branch and the kind of a session held', () => {
    expect(activityHeld('b1', 'film', 7)).toEqual({
      deltas: { 'activity.filmHeld': 1, 'activity.participants': 7 },
      distinct: { 'activity.held': { key: 'b1', sub: 'film' } },
    });
  });
});

describe('counter storage', () => {
  it('nests names the way $inc on counts.a.b stores them, and reads both shapes back flat', () => {
    expect(nestCounts({ 'request.received': 1, 'request.category.help.received': 2 })).toEqual({
      request: { received: 1, category: { help: { received: 2 } } },
    });
    expect(flattenCounts({ 'request.received': 1, request: { received: 2, resolved: 1 } })).toEqual({
      'request.received': 3,
      'request.resolved': 1,
    });
  });
});
