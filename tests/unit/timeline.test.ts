import { timelineEntry } from '../../cloudfunctions/common/timeline';

const at = new Date('2026-11-28T02:00:00Z');
const facts = {
  subject: 'request' as const,
  subjectId: 'r1',
  event: 'accepted',
  from: 'submitted',
  to: 'accepted',
  actor: 'head-1',
  at,
  unitPath: ['town', 'village'],
};

describe('timelineEntry', () => {
  it('keeps every fact and copies the unit path, so the record and its entry share no array', () => {
    const entry = timelineEntry({ ...facts, actorName: '邻长 赵邻长', note: '需要协调' });
    expect(entry).toEqual({ ...facts, actorName: '邻长 赵邻长', note: '需要协调' });
    expect(entry.unitPath).not.toBe(facts.unitPath);
  });

  it('stores no name when none is given (pledges and activities show who moved them by part)', () => {
    expect(Object.keys(timelineEntry(facts))).not.toContain('actorName');
  });

  it('stores no empty note', () => {
    expect(Object.keys(timelineEntry({ ...facts, note: '' }))).not.toContain('note');
    expect(Object.keys(timelineEntry({ ...facts, note: undefined }))).not.toContain('note');
  });
});
