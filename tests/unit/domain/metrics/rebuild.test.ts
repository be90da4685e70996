import { counterDrift, rebuildCounters } from '../../../../cloudfunctions/common/domain/metrics/rebuild';
import type { RecordSet } from '../../../../cloudfunctions/common/domain/metrics/records';

const empty: RecordSet = { requests: [], requestEvents: [], pledges: [], activities: [], visits: [] };
// 2025-04-01 00:00 in Shanghai.
const APRIL = Date.UTC(2025, 2, 31, 16);

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
