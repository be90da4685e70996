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

  it('writes the summary in the article’s voice: each kind on its own, the red sites named, livelihood apart', () => {
    const f = figuresOf({
      sums: {
        'activity.lessonHeld': 22,
        'activity.fieldLessonHeld': 22,
        'activity.lessonParticipants': 1528,
        'activity.fieldLessonParticipants': 1528,
        'activity.filmHeld': 32,
        'activity.redSiteFilmHeld': 32,
        'activity.filmParticipants': 420,
        'activity.practiceHeld': 12,
        'activity.practiceParticipants': 229,
        'activity.participants': 2177,
        'pledge.submitted': 1612,
        'pledge.fulfilments': 2000,
        'pledge.linkedFulfilments': 30,
        'request.received': 140,
        'request.resolved': 132,
        'request.category.help.received': 50,
        'request.category.help.resolved': 45,
        'request.category.complaint.received': 40,
        'request.category.complaint.resolved': 37,
        'request.rated': 80,
        'request.satisfied': 78,
        'request.enterpriseResolved': 36,
        'request.disputeResolved': 14,
        'visit.logged': 400,
        'visit.problemsRaised': 25,
      },
      placeSums: { 'place.p1.film.held': 20, 'place.p2.film.held': 12, 'place.p3.lesson.held': 22 },
      places: new Map([
        ['p1', { name: '叶家祠', kind: 'red_site' as const }],
        ['p2', { name: '八担坵', kind: 'red_site' as const }],
        ['p3', { name: '西草坪村蔬菜基地', kind: 'field' as const }],
      ]),
      distinct: { 'pledge.members': 789, 'request.enterprises': 22, 'visit.households': 310 },
      branchesAllThree: 0,
      overduePledgesNow: 0,
    });
    expect(summaryText({ name: '鹿原镇', kind: 'town' }, '2025年', f, 12)).toBe(
      '2025年，鹿原镇全镇已开展田间“微党课”22场，参与1528人次；' +
        '依托叶家祠、八担坵等红色教育资源，开展“微视频”沉浸式学习32场次，参与420人次；' +
        '开展“微实践”活动12场，参与229人次；共为22家企业解决实际困难36个；化解矛盾纠纷14个；' +
        '已有789名党员进行了承诺践诺，共计收集党员承诺1612件，记录践诺2000次；' +
        '收到群众咨询、求助、建议、投诉90件，帮助群众解决各类民生实事问题82个，其中党员践诺帮助解决30次，群众满意率97.5%；' +
        '片组邻“三长”走访群众400次，覆盖310户，议一议收集问题25个。',
    );
    expect(summaryText({ name: '西草坪村', kind: 'village' }, '2025年3月', null)).toBe(
      '2025年3月，西草坪村暂无统计数据。',
    );
  });

  it('says 田间 only of lessons held in the fields, and names no red site for films shown elsewhere', () => {
    const f = figuresOf({
      sums: {
        'activity.lessonHeld': 3,
        'activity.fieldLessonHeld': 1,
        'activity.lessonParticipants': 40,
        'activity.filmHeld': 2,
        'activity.filmParticipants': 18,
      },
      distinct: {},
      branchesAllThree: 0,
      overduePledgesNow: 0,
    });
    expect(summaryText({ name: '西草坪村', kind: 'village' }, '2025年3月', f)).toBe(
      '2025年3月，西草坪村全村已开展“微党课”3场，其中田间“微党课”1场，参与40人次；开展“微视频”学习2场次，参与18人次。',
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
    expect(rebuilt.get('v|2025-04')?.counts).toEqual({
      'activity.lessonHeld': 2,
      'activity.participants': 15,
      'activity.lessonParticipants': 15,
    });
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
    expect(activityHeld('b1', { kind: 'practice', place: { name: '村部' } }, 7)).toEqual({
      deltas: { 'activity.practiceHeld': 1, 'activity.participants': 7, 'activity.practiceParticipants': 7 },
      distinct: { 'activity.held': { key: 'b1', sub: 'practice' } },
    });
  });

  it('counts a film at a red site on its own, and at its place', () => {
    expect(activityHeld('b1', { kind: 'film', place: { placeId: 'p1', kind: 'red_site' } }, 7).deltas).toEqual({
      'activity.filmHeld': 1,
      'activity.participants': 7,
      'activity.filmParticipants': 7,
      'activity.redSiteFilmHeld': 1,
      'activity.redSiteFilmParticipants': 7,
      'place.p1.film.held': 1,
      'place.p1.film.people': 7,
    });
  });

  it('calls only a lesson at a registered field a field lesson', () => {
    const field = activityHeld('b1', { kind: 'lesson', place: { placeId: 'f1', kind: 'field' } }, 30).deltas;
    const hall = activityHeld('b1', { kind: 'lesson', place: { placeId: 'v1', kind: 'venue' } }, 30).deltas;
    expect(field['activity.fieldLessonHeld']).toBe(1);
    expect(field['activity.fieldLessonParticipants']).toBe(30);
    expect(hall['activity.fieldLessonHeld']).toBeUndefined();
    expect(hall['activity.lessonParticipants']).toBe(30);
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
