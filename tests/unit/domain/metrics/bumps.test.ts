import {
  activityHeld,
  requestFirstResolved,
  requestReceived,
} from '../../../../cloudfunctions/common/domain/metrics/bumps';

// 2025-04-01 00:00 in Shanghai.
const APRIL = Date.UTC(2025, 2, 31, 16);

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
