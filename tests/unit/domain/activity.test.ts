import { ACTIVITY_STATUSES, type ActivityStatus, type AttendanceMode } from '@honglin/types/activity';
import type { RoleGrant } from '@honglin/types/org';
import {
  ACTIVITY_EVENT_TYPES,
  MAX_WRONG_CODES,
  addWrongCode,
  attendanceChange,
  beyondBackdating,
  canManage,
  checkinDayRefusal,
  dayHasPassed,
  guessingLocked,
  isExpected,
  transition,
  type ActivityEventType,
  type WrongCodes,
} from '../../../cloudfunctions/common/domain/activity';
import { said } from './said';

/** Every (state, event) pair: the next state, or null for a refusal. */
const TABLE: Record<ActivityStatus, Record<ActivityEventType, ActivityStatus | null>> = {
  planned: {
    update: 'planned',
    open: 'open',
    close: null,
    markHeld: 'held',
    record: null,
    cancel: 'cancelled',
    checkin: null,
    addAttendee: null,
    markAbsent: 'planned',
    deliver: null,
  },
  open: {
    update: 'open',
    open: null,
    close: 'held',
    markHeld: null,
    record: null,
    cancel: 'cancelled',
    checkin: 'open',
    addAttendee: 'open',
    markAbsent: 'open',
    deliver: 'open',
  },
  held: {
    update: null,
    open: null,
    close: null,
    markHeld: null,
    record: 'recorded',
    cancel: null,
    checkin: null,
    addAttendee: 'held',
    markAbsent: 'held',
    deliver: 'held',
  },
  recorded: {
    update: null,
    open: null,
    close: null,
    markHeld: null,
    record: 'recorded',
    cancel: null,
    checkin: null,
    addAttendee: 'recorded',
    markAbsent: 'recorded',
    deliver: 'recorded',
  },
  cancelled: {
    update: null,
    open: null,
    close: null,
    markHeld: null,
    record: null,
    cancel: null,
    checkin: null,
    addAttendee: null,
    markAbsent: null,
    deliver: null,
  },
};

describe('activity transition', () => {
  const pairs = ACTIVITY_STATUSES.flatMap((state) => ACTIVITY_EVENT_TYPES.map((event) => [state, event] as const));

  it.each(pairs)('%s + %s', (state, event) => {
    const expected = TABLE[state][event];
    const result = said(transition(state, { type: event }));
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/[\u4e00-\u9fa5]/);
    } else {
      expect(result).toEqual({ ok: true, to: expected });
    }
  });

  it('covers every state and event', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ACTIVITY_STATUSES].sort());
    expect(pairs).toHaveLength(ACTIVITY_STATUSES.length * ACTIVITY_EVENT_TYPES.length);
  });
});

describe('attendanceChange', () => {
  const modes: AttendanceMode[] = ['scan', 'code', 'manual', 'absent', 'delivered'];

  it.each(modes)('a first record (%s) adds one to its bucket', (mode) => {
    const result = attendanceChange(null, mode);
    const bucket = mode === 'absent' ? 'absent' : mode === 'delivered' ? 'delivered' : 'present';
    expect(result).toEqual({ ok: true, delta: { present: 0, absent: 0, delivered: 0, [bucket]: 1 } });
  });

  it.each(modes)('nobody is recorded twice once present (then %s)', (next) => {
    for (const present of ['scan', 'code', 'manual'] as const) {
      expect(attendanceChange(present, next)).toEqual({ ok: false, reason: '已经签到过了，不用重复登记' });
    }
  });

  it('someone on leave may still come, moving one from absent to present', () => {
    expect(attendanceChange('absent', 'code')).toEqual({ ok: true, delta: { present: 1, absent: -1, delivered: 0 } });
    expect(attendanceChange('absent', 'delivered')).toEqual({
      ok: true,
      delta: { present: 0, absent: -1, delivered: 1 },
    });
    expect(attendanceChange('absent', 'absent').ok).toBe(false);
  });

  it.each(modes)('送学上门 is final (then %s)', (next) => {
    expect(attendanceChange('delivered', next).ok).toBe(false);
  });
});

describe('who takes part', () => {
  const grant = (role: RoleGrant['role'], unitPath: string[], branchId?: string): RoleGrant => ({
    role,
    unitId: unitPath[unitPath.length - 1],
    unitPath,
    branchId,
    grantedAt: '2026-01-01T00:00:00.000Z',
    grantedBy: 'x',
  });
  const activity = { branchId: 'b1', unitPath: ['town', 'v1'], audience: { kind: 'branch' as const } };

  it('expects the branch members only, or the village members for a village audience', () => {
    expect(isExpected([grant('member', ['town', 'v1'], 'b1')], activity)).toBe(true);
    expect(isExpected([grant('member', ['town', 'v1'], 'b2')], activity)).toBe(false);
    expect(isExpected([grant('branch_secretary', ['town', 'v1'], 'b1')], activity)).toBe(false);
    const village = { ...activity, audience: { kind: 'village' as const, unitId: 'v1' } };
    expect(isExpected([grant('member', ['town', 'v1', 'g1'], 'b2')], village)).toBe(true);
    expect(isExpected([grant('member', ['town', 'v2'], 'b3')], village)).toBe(false);
  });

  it('lets the branch secretary and admins above manage, not a secretary of another branch', () => {
    expect(canManage([grant('branch_secretary', ['town', 'v1'], 'b1')], activity)).toBe(true);
    expect(canManage([grant('branch_secretary', ['town', 'v1'], 'b2')], activity)).toBe(false);
    expect(canManage([grant('village_admin', ['town', 'v1'])], activity)).toBe(true);
    expect(canManage([grant('village_admin', ['town', 'v2'])], activity)).toBe(false);
    expect(canManage([grant('town_admin', ['town'])], activity)).toBe(true);
    expect(canManage([grant('member', ['town', 'v1'], 'b1')], activity)).toBe(false);
  });
});

describe('wrong check-in codes', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 15, 2, minutes));

  it('refuses after five wrong codes within ten minutes, whatever comes next', () => {
    let misses: WrongCodes | undefined;
    for (let i = 0; i < MAX_WRONG_CODES; i += 1) {
      expect(guessingLocked(misses, at(i))).toBe(false);
      misses = addWrongCode(misses, at(i));
    }
    expect(misses).toEqual({ count: 5, since: at(0) });
    expect(guessingLocked(misses, at(5))).toBe(true);
    expect(guessingLocked(misses, at(9))).toBe(true);
  });

  it('starts afresh once ten minutes have passed since the first wrong code', () => {
    const misses: WrongCodes = { count: 5, since: at(0).toISOString() };
    expect(guessingLocked(misses, at(10))).toBe(false);
    expect(addWrongCode(misses, at(10))).toEqual({ count: 1, since: at(10) });
    expect(addWrongCode({ count: 2, since: at(0) }, at(9))).toEqual({ count: 3, since: at(0) });
  });
});

describe('the session’s own day (Asia/Shanghai) and the back-dating window', () => {
  const at = (iso: string) => new Date(iso);
  const session = at('2026-05-31T23:30:00+08:00'); // 15:30 UTC on 31 May

  it('takes check-in on the session’s day in Shanghai only, whatever the UTC date says', () => {
    expect(checkinDayRefusal(session, at('2026-05-31T00:00:00+08:00'), 'member')).toBeNull();
    expect(checkinDayRefusal(session, at('2026-05-31T23:59:59+08:00'), 'organiser')).toBeNull();
    // 00:00 on 1 June in Shanghai is still 31 May in UTC.
    expect(checkinDayRefusal(session, at('2026-06-01T00:00:00+08:00'), 'member')).toBe('只能在活动当天（5月31日）签到');
    expect(checkinDayRefusal(session, at('2026-06-01T00:00:00+08:00'), 'organiser')).toBe(
      '活动日期（5月31日）已过，不能再开始签到；请用“补录”登记当天的参加情况',
    );
    expect(checkinDayRefusal(session, at('2026-05-30T23:59:59+08:00'), 'organiser')).toBe(
      '只能在活动当天（5月31日）开始签到；如果改了日期，请先修改活动时间',
    );
  });

  it('lets a session be entered afterwards from the next Shanghai day, for a year', () => {
    expect(dayHasPassed(session, at('2026-05-31T23:59:59+08:00'))).toBe(false);
    expect(dayHasPassed(session, at('2026-06-01T00:00:00+08:00'))).toBe(true);
    expect(beyondBackdating(session, at('2027-05-31T10:00:00+08:00'))).toBeNull();
    expect(beyondBackdating(session, at('2027-06-01T10:00:00+08:00'))).toBe('活动时间不能早于一年前');
  });
});
