import fs from 'node:fs';
import { dayOf } from '@honglin/types/time';
import settings from '../../../config/honglin.json';
import { codeFor } from '../../../cloudfunctions/common/domain/checkinToken';
import { mediaCheckOutageFile, readQrCodes } from '../../../emulator/openapi/records';
import {
  B1,
  FILM_A,
  FILM_B,
  P,
  PLACE,
  TOWN,
  V1,
  V2,
  code,
  filmSession,
  ok,
  rid,
  startWorld,
  tomorrowTen,
  type World,
} from './world';

/**
 * The activity function through the local cloud with the real SDK: planning, the rotating check-in code,
 * attendance that cannot double count, records, month views and the reminder sweep.
 */
let w: World;
// Each mini-program code is rendered as a real PNG, and parallel calls queue for the function's instances.
beforeAll(async () => {
  w = await startWorld();
});

afterAll(async () => {
  await w?.stop();
});

async function planned(extra: object = {}, by: string = P.secretary) {
  return ok(await w.call('activity', 'plan', filmSession(extra), by));
}

async function opened(extra: object = {}) {
  const activity = await planned(extra);
  ok(await w.call('activity', 'openCheckin', { id: activity._id }, P.secretary));
  return activity;
}

/** Runs `steps` with the local cloud's clock at `at` (the functions read it as now), then puts the clock back. */
async function onDay<T>(at: string, steps: () => Promise<T>): Promise<T> {
  w.cloud.functions.setClock(new Date(at));
  try {
    return await steps();
  } finally {
    w.cloud.functions.setClock(null);
  }
}

async function currentCode(id: string): Promise<{ token: string; code: string }> {
  return ok(await w.call('activity', 'checkinToken', { id }, P.secretary));
}

async function attendanceOf(id: string): Promise<Array<{ _id: string; mode: string }>> {
  const { data } = (await w.db.collection('attendance').where({ activityId: id }).get()) as unknown as {
    data: Array<{ _id: string; mode: string }>;
  };
  return data;
}

interface StoredActivity {
  status: string;
  attendance: { present: number; absent: number; delivered: number };
}

async function activityDoc(id: string): Promise<StoredActivity> {
  const { data } = (await w.db.collection('activities').doc(id).get()) as unknown as { data: StoredActivity };
  return data;
}

describe('plan', () => {
  it('plans a film session at a registered place with its films, never showing the check-in secret', async () => {
    const { answer, trips } = await w.roundTrips('activity', 'plan', filmSession(), P.secretary);
    const activity = ok(answer);
    expect(activity).toMatchObject({
      branchId: B1,
      branchName: '西草坪村党支部',
      kind: 'film',
      status: 'planned',
      place: { placeId: PLACE, name: '张经武故居' },
      films: [{ _id: FILM_A, title: '榜样' }],
      experts: ['周致富'],
      attendance: { present: 0, absent: 0, delivered: 0 },
    });
    // No one's OPENID in an answer: the organiser's included.
    expect(JSON.stringify(activity)).not.toContain(P.secretary);
    expect(activity._id).toMatch(/^a[0-9a-f]{15}$/);
    expect(JSON.stringify(activity)).not.toMatch(/checkinSecret/);
    // reads: caller, the branch with its place and films (one query); writes: start, add, timeline add, commit
    expect(trips).toBeLessThanOrEqual(6);
  });

  it('creates one record for the same request id sent twice', async () => {
    const input = filmSession();
    const [a, b] = await Promise.all([
      w.call('activity', 'plan', input, P.secretary),
      w.call('activity', 'plan', input, P.secretary),
    ]);
    expect(ok(a)._id).toBe(ok(b)._id);
    const { total } = (await w.db.collection('activities').where({ requestId: input.requestId }).count()) as {
      total: number;
    };
    expect(total).toBe(1);
  });

  it('lets an admin above the branch plan, and nobody else', async () => {
    expect(code(await w.call('activity', 'plan', filmSession(), P.townAdmin))).toBe('OK');
    expect(code(await w.call('activity', 'plan', filmSession(), P.villageAdmin))).toBe('OK');
    expect(code(await w.call('activity', 'plan', filmSession(), P.member1))).toBe('FORBIDDEN');
    expect(code(await w.call('activity', 'plan', filmSession(), P.otherSecretary))).toBe('FORBIDDEN');
    expect(code(await w.call('activity', 'plan', filmSession(), P.otherVillageAdmin))).toBe('FORBIDDEN');
    expect(code(await w.call('activity', 'plan', filmSession(), P.villager))).toBe('FORBIDDEN');
  });

  it('refuses bad input and stores nothing', async () => {
    const bad = [
      filmSession({ title: '' }),
      filmSession({ kind: 'party' }),
      filmSession({ startAt: '明天' }),
      filmSession({ filmIds: ['no-such-film'] }),
      filmSession({ audience: { kind: 'village', unitId: V2 } }),
    ];
    for (const input of bad) {
      const answer = await w.call('activity', 'plan', input, P.secretary);
      expect(code(answer)).toBe('INVALID_ARGUMENT');
      const { total } = (await w.db.collection('activities').where({ requestId: input.requestId }).count()) as {
        total: number;
      };
      expect(total).toBe(0);
    }
    expect(code(await w.call('activity', 'plan', filmSession({ place: { placeId: 'nowhere' } }), P.secretary))).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses text that fails the content check', async () => {
    const input = filmSession({ title: '赌博讲座' });
    expect(code(await w.call('activity', 'plan', input, P.secretary))).toBe('CONTENT_REJECTED');
    const { total } = (await w.db.collection('activities').where({ requestId: input.requestId }).count()) as {
      total: number;
    };
    expect(total).toBe(0);
  });

  it('takes a described field instead of a registered place', async () => {
    const activity = await planned({
      kind: 'lesson',
      place: { description: '村东头稻田' },
      filmIds: [],
      speaker: '王书记',
    });
    expect(activity.place).toEqual({ name: '村东头稻田' });
  });
});

describe('update and cancel', () => {
  it('updates a planned activity; cancels with a reason; nothing after that', async () => {
    const activity = await planned();
    const updated = ok(
      await w.call('activity', 'update', { id: activity._id, title: '观看《初心使命》' }, P.secretary),
    );
    expect(updated.title).toBe('观看《初心使命》');
    expect(code(await w.call('activity', 'update', { id: activity._id, title: '改' }, P.member1))).toBe('FORBIDDEN');
    const cancelled = ok(await w.call('activity', 'cancel', { id: activity._id, reason: '暴雨改期' }, P.secretary));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '暴雨改期' });
    expect(code(await w.call('activity', 'openCheckin', { id: activity._id }, P.secretary))).toBe('CONFLICT');
    expect(code(await w.call('activity', 'cancel', { id: activity._id, reason: '再取消' }, P.secretary))).toBe(
      'CONFLICT',
    );
    const { data } = (await w.db.collection('timeline').where({ subjectId: activity._id }).get()) as unknown as {
      data: Array<{ event: string }>;
    };
    expect(data.map((e) => e.event).sort()).toEqual(['cancel', 'plan']);
  });
});

describe('update', () => {
  it('changes the place and films with the activity in one read', async () => {
    const activity = await planned({ place: { description: '村委会院子' }, filmIds: [] });
    const { answer, trips } = await w.roundTrips(
      'activity',
      'update',
      { id: activity._id, place: { placeId: PLACE }, filmIds: [FILM_A, FILM_B] },
      P.secretary,
    );
    expect(ok(answer)).toMatchObject({
      place: { placeId: PLACE, name: '张经武故居' },
      films: [
        { _id: FILM_A, title: '榜样' },
        { _id: FILM_B, title: '忠诚与背叛' },
      ],
    });
    // reads: caller, the activity with its place and films (one query), the activity in the transaction;
    // writes: start, update, commit
    expect(trips).toBeLessThanOrEqual(6);
    expect(code(await w.call('activity', 'update', { id: activity._id, filmIds: ['no-such-film'] }, P.secretary))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      code(await w.call('activity', 'update', { id: activity._id, place: { placeId: 'nowhere' } }, P.secretary)),
    ).toBe('NOT_FOUND');
  });
});

describe('check-in', () => {
  it('only the organiser side opens check-in; of parallel opens exactly one wins', async () => {
    const activity = await planned();
    expect(code(await w.call('activity', 'openCheckin', { id: activity._id }, P.member1))).toBe('FORBIDDEN');
    expect(code(await w.call('activity', 'openCheckin', { id: activity._id }, P.otherSecretary))).toBe('FORBIDDEN');
    const answers = await Promise.all(
      [1, 2, 3].map(() => w.call('activity', 'openCheckin', { id: activity._id }, P.secretary)),
    );
    expect(answers.map(code).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
  });

  it('shows a real mini-program code and a 6-digit code to the organiser only', async () => {
    const activity = await opened();
    // The code's window is measured from when it was asked for: on a busy machine the call itself can outlast it.
    const askedAt = Date.now();
    const { answer, trips } = await w.roundTrips('activity', 'checkinToken', { id: activity._id }, P.secretary);
    const token = ok(answer);
    expect(token.code).toMatch(/^\d{6}$/);
    expect(token.token).toMatch(/^[A-Za-z0-9_-]{10}$/);
    const png = Buffer.from(token.qrPng, 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    // It opens the version the town tests or runs (config miniProgramVersion), checking the page on release only.
    expect(readQrCodes(w.dataDir).at(-1)).toMatchObject({
      page: 'packages/activity/checkin',
      envVersion: settings.miniProgramVersion,
      checkPath: settings.miniProgramVersion === 'release',
    });
    expect(new Date(token.expiresAt).getTime()).toBeGreaterThan(askedAt);
    expect(trips).toBeLessThanOrEqual(2);
    expect(code(await w.call('activity', 'checkinToken', { id: activity._id }, P.member1))).toBe('FORBIDDEN');
    const notOpen = await planned();
    expect(code(await w.call('activity', 'checkinToken', { id: notOpen._id }, P.secretary))).toBe('CONFLICT');
  });

  it('checks a member in once, with the code or the scanned token; a second time is refused', async () => {
    const activity = await opened();
    const now = await currentCode(activity._id);
    const { answer, trips } = await w.roundTrips(
      'activity',
      'checkin',
      { id: activity._id, code: now.code },
      P.member1,
    );
    expect(ok(answer)).toMatchObject({ activityId: activity._id, mode: 'code' });
    // caller; transaction start, activity, attendance, add, update, commit: 3 reads, 2 writes
    expect(trips).toBeLessThanOrEqual(7);
    expect(ok(await w.call('activity', 'checkin', { id: activity._id, token: now.token }, P.member2)).mode).toBe(
      'scan',
    );
    const again = await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.member1);
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '已经签到过了，不用重复登记' } });
    expect((await activityDoc(activity._id)).attendance).toEqual({ present: 2, absent: 0, delivered: 0 });
    expect(await attendanceOf(activity._id)).toHaveLength(2);
  });

  it('refuses a token of another activity, a forged one and an expired one, with a clear message', async () => {
    const activity = await opened();
    const other = await opened();
    const otherCode = await currentCode(other._id);
    const refused = {
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '签到码不对或已过期，请扫描现场最新的二维码' },
    };
    expect(await w.call('activity', 'checkin', { id: activity._id, token: otherCode.token }, P.member1)).toMatchObject(
      refused,
    );
    expect(await w.call('activity', 'checkin', { id: activity._id, token: 'AAAAAAAAAA' }, P.member1)).toMatchObject(
      refused,
    );
    // Give the activity a secret the test knows, then present the code of two windows ago.
    await w.db
      .collection('activities')
      .doc(activity._id)
      .update({ data: { checkinSecret: 'known-secret' } });
    const old = codeFor('known-secret', activity._id, new Date(Date.now() - 65_000));
    expect(await w.call('activity', 'checkin', { id: activity._id, code: old.code }, P.member1)).toMatchObject(refused);
    expect(await w.call('activity', 'checkin', { id: activity._id, token: old.token }, P.member1)).toMatchObject(
      refused,
    );
    const fresh = codeFor('known-secret', activity._id, new Date());
    expect(code(await w.call('activity', 'checkin', { id: activity._id, token: fresh.token }, P.member1))).toBe('OK');
    expect(await attendanceOf(activity._id)).toHaveLength(1);
  });

  it('refuses a member after five wrong codes, even with the right one; another member is unaffected', async () => {
    const activity = await opened();
    const wrong = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i += 1) {
      const { code: right } = await currentCode(activity._id);
      const { answer, trips } = await w.roundTrips(
        'activity',
        'checkin',
        { id: activity._id, code: wrong(right) },
        P.member1,
      );
      expect(code(answer)).toBe('INVALID_ARGUMENT');
      // caller; transaction start, activity, the tally, commit
      expect(trips).toBeLessThanOrEqual(5);
    }
    const right = await currentCode(activity._id);
    expect(await w.call('activity', 'checkin', { id: activity._id, code: right.code }, P.member1)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '签到码输错次数太多，请10分钟后再试，或请组织者代为登记' },
    });
    expect(code(await w.call('activity', 'checkin', { id: activity._id, token: right.token }, P.member1))).toBe(
      'RATE_LIMITED',
    );
    expect(code(await w.call('activity', 'checkin', { id: activity._id, code: right.code }, P.member2))).toBe('OK');
    expect((await attendanceOf(activity._id)).map((r) => r._id)).toEqual([`${activity._id}_${P.member2}`]);
    // The organiser can still record the member by hand.
    ok(await w.call('activity', 'addAttendee', { id: activity._id, attendee: { openid: P.member1 } }, P.secretary));
    expect(JSON.stringify(ok(await w.call('activity', 'get', { id: activity._id }, P.secretary)))).not.toMatch(
      /checkinMisses/,
    );
  });

  it('counts wrong codes sent all at once one by one', async () => {
    const activity = await opened();
    const right = await currentCode(activity._id);
    const wrong = String((Number(right.code) + 1) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => w.call('activity', 'checkin', { id: activity._id, code: wrong }, P.member1)),
    );
    const codes = answers.map(code);
    const refused = codes.filter((c) => c === 'INVALID_ARGUMENT').length;
    expect(refused).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'INVALID_ARGUMENT').every((c) => c === 'RATE_LIMITED' || c === 'CONFLICT')).toBe(
      true,
    );
    // Every wrong code answered as such was tallied: none slipped past the count.
    const stored = (await w.db.collection('activities').doc(activity._id).get()) as unknown as {
      data: { checkinMisses: Record<string, { count: number }> };
    };
    expect(stored.data.checkinMisses[P.member1].count).toBe(refused);
  });

  it('refuses people outside the expected audience and check-in before it opens', async () => {
    const activity = await opened();
    const now = await currentCode(activity._id);
    expect(code(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.otherMember))).toBe(
      'FORBIDDEN',
    );
    expect(code(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.villager))).toBe(
      'FORBIDDEN',
    );
    expect(code(await w.call('activity', 'checkin', { id: activity._id, code: '12345' }, P.member1))).toBe(
      'INVALID_ARGUMENT',
    );
    const notOpen = await planned();
    expect(code(await w.call('activity', 'checkin', { id: notOpen._id, code: now.code }, P.member1))).toBe('CONFLICT');
    expect(await attendanceOf(activity._id)).toHaveLength(0);
  });

  it('counts concurrent check-ins of one member once', async () => {
    const activity = await opened();
    const now = await currentCode(activity._id);
    const answers = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.member1).then((a) => [i, a] as const),
      ),
    );
    expect(answers.filter(([, a]) => a.ok)).toHaveLength(1);
    for (const [, a] of answers) if (!a.ok) expect(a.error.code).toBe('CONFLICT');
    expect(await attendanceOf(activity._id)).toHaveLength(1);
    expect((await activityDoc(activity._id)).attendance.present).toBe(1);
  });

  it('counts concurrent check-ins of different members each once', async () => {
    const activity = await opened();
    const now = await currentCode(activity._id);
    const members = [P.member1, P.member2, P.member3, P.secretary];
    const answers = await Promise.all(
      members.map((m) => w.call('activity', 'checkin', { id: activity._id, code: now.code }, m)),
    );
    const admitted = answers.filter((a) => a.ok).length;
    // Each one commits its record and the count together; losers of a write race are re-run by the SDK.
    expect(admitted).toBe(members.length);
    expect((await activityDoc(activity._id)).attendance.present).toBe(admitted);
    expect(await attendanceOf(activity._id)).toHaveLength(admitted);
  });
});

describe('a session open to the whole village', () => {
  it('lets members of the village’s other branches check in and see it, and nobody outside the village', async () => {
    const activity = await opened({ audience: { kind: 'village', unitId: V1 } });
    const now = await currentCode(activity._id);
    expect(ok(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.groupMember)).mode).toBe(
      'code',
    );
    expect(code(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.otherMember))).toBe(
      'FORBIDDEN',
    );
    expect(ok(await w.call('activity', 'get', { id: activity._id }, P.groupMember)).attendance).toHaveLength(1);
    const roster = ok(await w.call('activity', 'list', { view: 'roster', id: activity._id }, P.secretary));
    expect(roster.map((r: { name: string }) => r.name)).toContain('钱党员');
    expect(roster.map((r: { name: string }) => r.name)).not.toContain('赵党员');
    const mine = ok(await w.call('activity', 'month', { view: 'mine', month: activity.month }, P.groupMember));
    expect(mine.items).toEqual([expect.objectContaining({ _id: activity._id, myMode: 'code' })]);
    // A branch session stays with its branch.
    const branchOnly = await opened();
    expect(code(await w.call('activity', 'get', { id: branchOnly._id }, P.groupMember))).toBe('FORBIDDEN');
  });
});

describe('attendance by hand, leave, 送学上门, and the held session on the dashboard', () => {
  it('keeps the counts and the dashboard counters equal to the records', () =>
    onDay('2026-03-15T10:05:00+08:00', async () => {
      const activity = await opened({ startAt: '2026-03-15T10:00:00+08:00' });
      const now = await currentCode(activity._id);
      ok(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.member1));
      ok(await w.call('activity', 'addAttendee', { id: activity._id, attendee: { name: '刘奶奶' } }, P.secretary));
      const absent = await w.roundTrips(
        'activity',
        'markAbsent',
        { id: activity._id, attendee: { openid: P.member2 }, reason: '外出务工' },
        P.secretary,
      );
      expect(ok(absent.answer).attendance[0]).toMatchObject({ name: '张党员', mode: 'absent', reason: '外出务工' });
      // reads: caller, the activity with the person and their record (one query), the activity again in the
      // transaction; writes: start, add, update, commit
      expect(absent.trips).toBeLessThanOrEqual(7);
      expect(
        code(
          await w.call(
            'activity',
            'markAbsent',
            { id: activity._id, attendee: { openid: P.member1 }, reason: '有事' },
            P.secretary,
          ),
        ),
      ).toBe('CONFLICT');
      expect(
        code(
          await w.call(
            'activity',
            'addAttendee',
            { id: activity._id, attendee: { openid: P.otherMember } },
            P.secretary,
          ),
        ),
      ).toBe('FORBIDDEN');
      expect(
        code(await w.call('activity', 'addAttendee', { id: activity._id, attendee: { name: '某人' } }, P.member1)),
      ).toBe('FORBIDDEN');
      expect(
        code(
          await w.call('activity', 'addAttendee', { id: activity._id, attendee: { name: '某人' } }, P.otherSecretary),
        ),
      ).toBe('FORBIDDEN');

      const held = ok(await w.call('activity', 'openCheckin', { id: activity._id, close: true }, P.secretary));
      expect(held).toMatchObject({ status: 'held', attendance: { present: 2, absent: 1, delivered: 0 } });
      expect(code(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.member3))).toBe(
        'CONFLICT',
      );

      // Someone on leave given the film afterwards; an elderly member added after the session.
      ok(
        await w.call(
          'activity',
          'addAttendee',
          { id: activity._id, attendee: { openid: P.member2 }, mode: 'delivered' },
          P.secretary,
        ),
      );
      ok(await w.call('activity', 'addAttendee', { id: activity._id, attendee: { openid: P.member3 } }, P.secretary));

      const doc = await activityDoc(activity._id);
      const records = await attendanceOf(activity._id);
      const count = (modes: string[]) => records.filter((r) => modes.includes(r.mode)).length;
      expect(doc.attendance).toEqual({
        present: count(['scan', 'code', 'manual']),
        absent: count(['absent']),
        delivered: count(['delivered']),
      });
      expect(doc.attendance).toEqual({ present: 3, absent: 0, delivered: 1 });

      const markers: Array<string | undefined> = [];
      for (const unit of [V1, TOWN]) {
        const { data } = (await w.db
          .collection('counters')
          .where({ unitId: unit, month: '2026-03' })
          .get()) as unknown as {
          data: Array<{ counts?: { activity?: Record<string, number> }; name?: string; key?: string; sub?: string }>;
        };
        // The month's counters are spread over shards (nested by the name's dots); the figure is their sum.
        const sum = (name: string) => data.reduce((n, shard) => n + (shard.counts?.activity?.[name] ?? 0), 0);
        expect({ filmHeld: sum('filmHeld'), participants: sum('participants') }).toEqual({
          filmHeld: 1,
          participants: 3,
        });
        markers.push(...data.filter((d) => d.name === 'activity.held').map((d) => d.sub));
      }
      // The distinct "held" marker is written once, at the village; the town groups its villages' markers.
      expect(markers).toEqual(['film']);
    }));
});

describe('attendance recorded at the same moment', () => {
  it('adds a member by hand in at most three reads, and keeps the counts equal to the records under a race', async () => {
    const activity = await opened();
    const { answer, trips } = await w.roundTrips(
      'activity',
      'addAttendee',
      { id: activity._id, attendee: { openid: P.member1 } },
      P.secretary,
    );
    expect(ok(answer).attendance[0]).toMatchObject({ openid: P.member1, name: '李党员', mode: 'manual' });
    // reads: caller, the activity with the person and their record (one query), the activity again in the
    // transaction; writes: start, add, update, commit
    expect(trips).toBeLessThanOrEqual(7);

    const now = await currentCode(activity._id);
    const answers = await Promise.all([
      w.call(
        'activity',
        'markAbsent',
        { id: activity._id, attendee: { openid: P.member2 }, reason: '生病' },
        P.secretary,
      ),
      w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.member2),
      w.call(
        'activity',
        'addAttendee',
        { id: activity._id, attendee: { openid: P.member2 }, mode: 'delivered' },
        P.secretary,
      ),
      w.call(
        'activity',
        'markAbsent',
        { id: activity._id, attendee: { openid: P.member3 }, reason: '外出' },
        P.secretary,
      ),
      w.call('activity', 'addAttendee', { id: activity._id, attendee: { openid: P.member3 } }, P.secretary),
    ]);
    expect(answers.map(code).every((c) => c === 'OK' || c === 'CONFLICT')).toBe(true);
    const doc = await activityDoc(activity._id);
    const records = await attendanceOf(activity._id);
    const count = (modes: string[]) => records.filter((r) => modes.includes(r.mode)).length;
    expect(doc.attendance).toEqual({
      present: count(['scan', 'code', 'manual']),
      absent: count(['absent']),
      delivered: count(['delivered']),
    });
    expect(records).toHaveLength(3);
  });
});

describe('record', () => {
  it('records the summary with photos once held; not before; refused text stores nothing', async () => {
    const activity = await opened();
    const photo = await w.upload(`activity/${activity._id}/1.png`);
    const summary = { id: activity._id, summary: '组织党员观看《榜样》，大家深受教育。', photos: [photo] };
    expect(code(await w.call('activity', 'record', summary, P.secretary))).toBe('CONFLICT');
    ok(await w.call('activity', 'openCheckin', { id: activity._id, close: true }, P.secretary));
    expect(code(await w.call('activity', 'record', summary, P.member1))).toBe('FORBIDDEN');
    expect(code(await w.call('activity', 'record', { ...summary, summary: '组织赌博' }, P.secretary))).toBe(
      'CONTENT_REJECTED',
    );
    expect(
      await w.call(
        'activity',
        'record',
        { ...summary, photos: ['cloud://local.bucket/activity/never-uploaded.jpg'] },
        P.secretary,
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '有照片没有上传成功，请重新上传' } });
    expect((await activityDoc(activity._id)).status).toBe('held');
    const { answer, trips } = await w.roundTrips('activity', 'record', summary, P.secretary);
    expect(ok(answer)).toMatchObject({ status: 'recorded', summary: summary.summary, photos: summary.photos });
    // With the image check's verdict, which the local cloud delivers as the call ends: its lookup, and the write
    // that shows the passed photo to members.
    expect(trips).toBeLessThanOrEqual(10);
    expect(
      code(await w.call('activity', 'record', { ...summary, practice: { enterprises: ['某企业'] } }, P.secretary)),
    ).toBe('INVALID_ARGUMENT');
  });

  it('sends the new photos to the image check, naming the record they are on', async () => {
    const activity = await opened();
    ok(await w.call('activity', 'openCheckin', { id: activity._id, close: true }, P.secretary));
    const photo = await w.upload(`activity/${activity._id}/1.png`);
    ok(
      await w.call('activity', 'record', { id: activity._id, summary: '观看《榜样》。', photos: [photo] }, P.secretary),
    );
    const { data } = (await w.db.collection('media_checks').where({ 'owner.id': activity._id }).get()) as unknown as {
      data: Array<{ owner: object; items: Array<{ fileID: string }> }>;
    };
    expect(data).toHaveLength(1);
    expect(data[0].owner).toEqual({ collection: 'activities', id: activity._id, field: 'photos' });
    expect(data[0].items.map((item) => item.fileID)).toEqual([photo]);
    // Recording again with the same photo does not send it twice.
    ok(
      await w.call(
        'activity',
        'record',
        { id: activity._id, summary: '观看《榜样》，讨论热烈。', photos: [photo] },
        P.secretary,
      ),
    );
    const again = (await w.db.collection('media_checks').where({ 'owner.id': activity._id }).count()) as unknown as {
      total: number;
    };
    expect(again.total).toBe(1);
  });

  it('shows a photo still in the image check to the organiser only (as pending), to members once it passed', async () => {
    const activity = await opened();
    ok(await w.call('activity', 'openCheckin', { id: activity._id, close: true }, P.secretary));
    const photo = await w.upload(`activity/${activity._id}/pending.png`);
    // WeChat's check unreachable: the verdict comes when the retry timer starts it.
    fs.writeFileSync(mediaCheckOutageFile(w.dataDir), '');
    ok(
      await w.call('activity', 'record', { id: activity._id, summary: '观看《榜样》。', photos: [photo] }, P.secretary),
    );
    const seenBy = async (openid: string) => {
      const { photos, pendingPhotos } = ok(await w.call('activity', 'get', { id: activity._id }, openid)).activity;
      return { photos, pendingPhotos };
    };
    expect(await seenBy(P.member1)).toEqual({ photos: [], pendingPhotos: undefined });
    expect(await seenBy(P.secretary)).toEqual({ photos: [photo], pendingPhotos: [photo] });
    fs.rmSync(mediaCheckOutageFile(w.dataDir));
    ok(await w.fire('user', 'retryImageChecks'));
    expect(await seenBy(P.member1)).toEqual({ photos: [photo], pendingPhotos: undefined });
  });

  it('records what a practice did: enterprises visited and requests taken up', async () => {
    const activity = await opened({ kind: 'practice', filmIds: [], title: '走访企业' });
    ok(await w.call('activity', 'openCheckin', { id: activity._id, close: true }, P.secretary));
    const recorded = ok(
      await w.call(
        'activity',
        'record',
        { id: activity._id, summary: '走访两家企业。', practice: { enterprises: ['鹿原茶厂'], requestIds: ['req-1'] } },
        P.secretary,
      ),
    );
    expect(recorded.practice).toEqual({ enterprises: ['鹿原茶厂'], requestIds: ['req-1'] });
  });
});

describe('check-in on the session’s own day, and sessions of earlier days entered afterwards (补录)', () => {
  /** A film session planned at a moment, with the local cloud's clock at that moment. */
  const plannedOn = (at: string) => onDay(at, () => planned({ startAt: at }));

  /** The month's activity counters of the village, summed over their shards. */
  async function villageCounts(month: string): Promise<{ filmHeld: number; participants: number }> {
    const { data } = (await w.db.collection('counters').where({ unitId: V1, month }).get()) as unknown as {
      data: Array<{ counts?: { activity?: Record<string, number> } }>;
    };
    const sum = (name: string) => data.reduce((n, shard) => n + (shard.counts?.activity?.[name] ?? 0), 0);
    return { filmHeld: sum('filmHeld'), participants: sum('participants') };
  }

  it('opens check-in only on the session’s day, and a member checks in only on that day', async () => {
    const tomorrow = await planned({ startAt: '2026-10-21T19:30:00+08:00' });
    const refusedEarly = await onDay('2026-10-20T20:00:00+08:00', () =>
      w.call('activity', 'openCheckin', { id: tomorrow._id }, P.secretary),
    );
    expect(refusedEarly).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '只能在活动当天（10月21日）开始签到；如果改了日期，请先修改活动时间' },
    });
    const refusedLate = await onDay('2026-10-22T08:00:00+08:00', () =>
      w.call('activity', 'openCheckin', { id: tomorrow._id }, P.secretary),
    );
    expect(refusedLate).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '活动日期（10月21日）已过，不能再开始签到；请用“补录”登记当天的参加情况' },
    });
    expect((await activityDoc(tomorrow._id)).status).toBe('planned');

    // Opened on its day (late in the evening, Shanghai: 21 Oct is still 21 Oct at 23:50 though UTC says 15:50).
    const code21 = await onDay('2026-10-21T23:50:00+08:00', async () => {
      ok(await w.call('activity', 'openCheckin', { id: tomorrow._id }, P.secretary));
      const now = await currentCode(tomorrow._id);
      ok(await w.call('activity', 'checkin', { id: tomorrow._id, code: now.code }, P.member1));
      return now;
    });
    // Left open past midnight: a member's check-in on the next day is refused, and nothing is stored.
    const nextDay = await onDay('2026-10-22T00:00:30+08:00', () =>
      w.call('activity', 'checkin', { id: tomorrow._id, code: code21.code }, P.member2),
    );
    expect(nextDay).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '只能在活动当天（10月21日）签到' },
    });
    expect((await activityDoc(tomorrow._id)).attendance).toEqual({ present: 1, absent: 0, delivered: 0 });
    expect(await attendanceOf(tomorrow._id)).toHaveLength(1);
    // Closing it the next day still works.
    await onDay('2026-10-22T08:00:00+08:00', async () =>
      ok(await w.call('activity', 'openCheckin', { id: tomorrow._id, close: true }, P.secretary)),
    );
  });

  it('enters a past session as held, counted in the month it happened, with who was there and when it was entered', async () => {
    // 00:10 on 1 November in Shanghai (31 October in UTC), entered on 3 December.
    const past = await plannedOn('2026-11-01T00:10:00+08:00');
    expect(past.month).toBe('2026-11');
    const before = await villageCounts('2026-11');
    const entered = '2026-12-03T09:00:00+08:00';
    const held = await onDay(entered, async () => {
      const { answer, trips } = await w.roundTrips('activity', 'markHeld', { id: past._id }, P.secretary);
      // reads: caller, the activity (scope), the activity again in the transaction; start; writes: the activity,
      // its timeline entry, 2 counter shards (+2 creating a past month's shards nobody prepared), the held marker;
      // commit
      expect(trips).toBeLessThanOrEqual(12);
      const heldNow = ok(answer);
      ok(await w.call('activity', 'addAttendee', { id: past._id, attendee: { openid: P.member1 } }, P.secretary));
      ok(await w.call('activity', 'addAttendee', { id: past._id, attendee: { name: '刘奶奶' } }, P.secretary));
      ok(
        await w.call(
          'activity',
          'markAbsent',
          { id: past._id, attendee: { openid: P.member2 }, reason: '外出务工' },
          P.secretary,
        ),
      );
      // A member cannot check themselves in afterwards.
      expect(code(await w.call('activity', 'checkin', { id: past._id, code: '123456' }, P.member3))).toBe('CONFLICT');
      return heldNow;
    });
    expect(held).toMatchObject({ status: 'held', startAt: new Date('2026-11-01T00:10:00+08:00').toISOString() });
    // The local cloud's clock runs on from the moment it was set: entered on that day, happened on the 1st.
    expect(dayOf(held.backfilledAt)).toBe('2026-12-03');
    expect(await villageCounts('2026-11')).toEqual({
      filmHeld: before.filmHeld + 1,
      participants: before.participants + 2,
    });
    // The trace: each record says when it was entered, beside the session's own date; the timeline names 补录.
    const records = (await w.db.collection('attendance').where({ activityId: past._id }).get()) as unknown as {
      data: Array<{ at: Date; startAt: Date; mode: string }>;
    };
    expect(records.data).toHaveLength(3);
    for (const r of records.data) {
      expect(dayOf(r.at)).toBe('2026-12-03');
      expect(new Date(r.startAt).toISOString()).toBe(held.startAt);
    }
    const timeline = (await w.db
      .collection('timeline')
      .where({ subjectId: past._id, event: 'markHeld' })
      .get()) as unknown as { data: Array<{ actor: string; from: string; to: string }> };
    expect(timeline.data).toEqual([expect.objectContaining({ actor: P.secretary, from: 'planned', to: 'held' })]);
    // Entered once: a second 补录 is a conflict and counts nothing more.
    expect(code(await onDay(entered, () => w.call('activity', 'markHeld', { id: past._id }, P.secretary)))).toBe(
      'CONFLICT',
    );
    expect((await villageCounts('2026-11')).filmHeld).toBe(before.filmHeld + 1);
  });

  it('lets only the organisers enter a past session, and refuses bad input', async () => {
    const past = await plannedOn('2026-11-20T10:00:00+08:00');
    await onDay('2026-11-25T10:00:00+08:00', async () => {
      for (const openid of [P.member1, P.otherSecretary, P.otherVillageAdmin, P.villager])
        expect(code(await w.call('activity', 'markHeld', { id: past._id }, openid))).toBe('FORBIDDEN');
      expect(code(await w.call('activity', 'markHeld', { id: '' }, P.secretary))).toBe('INVALID_ARGUMENT');
      expect(code(await w.call('activity', 'markHeld', { id: 'no-such-activity' }, P.secretary))).toBe('NOT_FOUND');
      expect((await activityDoc(past._id)).status).toBe('planned');
      expect(ok(await w.call('activity', 'markHeld', { id: past._id }, P.villageAdmin)).status).toBe('held');
    });
  });

  it('refuses to enter a session of today or later afterwards, and one beyond the back-dating window', async () => {
    const today = await plannedOn('2026-11-10T19:30:00+08:00');
    const sameDay = await onDay('2026-11-10T21:00:00+08:00', () =>
      w.call('activity', 'markHeld', { id: today._id }, P.secretary),
    );
    expect(sameDay).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: '只能补录已经过去的活动；当天的活动请开始签到' },
    });
    // A year and a day later the session is past the window shared by every dated record (DATE_WINDOWS.activity).
    const tooLate = await onDay('2027-11-11T10:00:00+08:00', () =>
      w.call('activity', 'markHeld', { id: today._id }, P.secretary),
    );
    expect(tooLate).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '活动时间不能早于一年前，不能再补录' },
    });
    expect((await activityDoc(today._id)).status).toBe('planned');
    // Entered within the window, its attendance can no longer be added once the window has passed.
    await onDay('2026-11-12T10:00:00+08:00', async () =>
      ok(await w.call('activity', 'markHeld', { id: today._id }, P.secretary)),
    );
    const addedLate = await onDay('2027-11-11T10:00:00+08:00', () =>
      w.call('activity', 'addAttendee', { id: today._id, attendee: { name: '刘奶奶' } }, P.secretary),
    );
    expect(addedLate).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '活动时间不能早于一年前，不能再登记参加情况' },
    });
    expect(await attendanceOf(today._id)).toHaveLength(0);
  });
});

describe('get, list and month', () => {
  it('shows the organiser everyone recorded and a member only their own record', async () => {
    const activity = await opened();
    const now = await currentCode(activity._id);
    ok(await w.call('activity', 'checkin', { id: activity._id, code: now.code }, P.member1));
    ok(await w.call('activity', 'addAttendee', { id: activity._id, attendee: { name: '刘奶奶' } }, P.secretary));
    const { answer, trips } = await w.roundTrips('activity', 'get', { id: activity._id }, P.secretary);
    expect(ok(answer).attendance).toHaveLength(2);
    expect(ok(answer).canManage).toBe(true);
    expect(trips).toBeLessThanOrEqual(3);
    const mine = ok(await w.call('activity', 'get', { id: activity._id }, P.member1));
    expect(mine.attendance).toEqual([expect.objectContaining({ mode: 'code' })]);
    expect(mine.canManage).toBe(false);
    expect(ok(await w.call('activity', 'get', { id: activity._id }, P.member2)).attendance).toEqual([]);
    expect(code(await w.call('activity', 'get', { id: activity._id }, P.otherMember))).toBe('FORBIDDEN');
    expect(JSON.stringify(ok(answer))).not.toMatch(/checkinSecret|known-secret/);
    const roster = ok(await w.call('activity', 'list', { view: 'roster', id: activity._id }, P.secretary));
    expect(roster.map((r: { name: string }) => r.name).sort()).toEqual(['张党员', '李党员', '王书记', '刘大爷'].sort());
    expect(JSON.stringify(roster)).not.toMatch(/phone/);
    expect(code(await w.call('activity', 'list', { view: 'roster', id: activity._id }, P.member1))).toBe('FORBIDDEN');
  });

  it('pages a branch list newest first and a member history of their own records', async () => {
    const first = ok(await w.call('activity', 'list', { view: 'branch', branchId: B1, size: 2 }, P.secretary));
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTruthy();
    const second = ok(
      await w.call(
        'activity',
        'list',
        { view: 'branch', branchId: B1, size: 2, cursor: first.nextCursor },
        P.secretary,
      ),
    );
    expect(second.items[0]._id).not.toBe(first.items[1]._id);
    expect(code(await w.call('activity', 'list', { view: 'branch', branchId: B1 }, P.otherSecretary))).toBe(
      'FORBIDDEN',
    );
    expect(code(await w.call('activity', 'list', { view: 'unit', unitId: V1 }, P.townAdmin))).toBe('OK');
    expect(code(await w.call('activity', 'list', { view: 'unit', unitId: V1 }, P.otherVillageAdmin))).toBe('FORBIDDEN');
    const history = ok(await w.call('activity', 'list', { view: 'mine' }, P.member1));
    expect(history.items.length).toBeGreaterThan(0);
    expect(history.items.every((h: { mode: string }) => typeof h.mode === 'string')).toBe(true);
    expect(ok(await w.call('activity', 'list', { view: 'mine' }, P.otherMember)).items).toEqual([]);
  });

  it('places activities in their Asia/Shanghai month and sums the held ones per branch, village and town', () =>
    onDay('2027-05-31T23:30:00+08:00', async () => {
      // 23:30 on 31 May in Shanghai is still May; 00:10 on 1 June is June (both 31 May in UTC).
      const late = await opened({ startAt: '2027-05-31T23:30:00+08:00' });
      const early = await planned({ kind: 'lesson', filmIds: [], startAt: '2027-06-01T00:10:00+08:00' });
      expect(late.month).toBe('2027-05');
      expect(early.month).toBe('2027-06');
      const now = await currentCode(late._id);
      ok(await w.call('activity', 'checkin', { id: late._id, code: now.code }, P.member1));
      ok(await w.call('activity', 'checkin', { id: late._id, code: now.code }, P.member2));
      ok(await w.call('activity', 'openCheckin', { id: late._id, close: true }, P.secretary));

      const branch = ok(
        await w.call('activity', 'month', { view: 'branch', branchId: B1, month: '2027-05' }, P.secretary),
      );
      const film = branch.branches[0].slots.find((s: { kind: string }) => s.kind === 'film');
      expect(film.held).toBe(true);
      expect(branch.totals).toEqual({ lessonHeld: 0, filmHeld: 1, practiceHeld: 0, participants: 2 });
      const december = ok(
        await w.call('activity', 'month', { view: 'branch', branchId: B1, month: '2027-06' }, P.secretary),
      );
      expect(december.branches[0].slots.find((s: { kind: string }) => s.kind === 'lesson').activities).toHaveLength(1);
      expect(december.totals.lessonHeld).toBe(0);

      const { answer, trips } = await w.roundTrips(
        'activity',
        'month',
        { view: 'unit', unitId: TOWN, month: '2027-05' },
        P.townAdmin,
      );
      expect(ok(answer).totals).toEqual(branch.totals);
      expect(trips).toBeLessThanOrEqual(3);
      expect(
        code(await w.call('activity', 'month', { view: 'unit', unitId: V1, month: '2027-05' }, P.otherVillageAdmin)),
      ).toBe('FORBIDDEN');
      expect(
        code(await w.call('activity', 'month', { view: 'branch', branchId: B1, month: '2027-05' }, P.otherMember)),
      ).toBe('FORBIDDEN');

      const mine = await w.roundTrips('activity', 'month', { view: 'mine', month: '2027-05' }, P.member1);
      expect(ok(mine.answer).items).toEqual([
        expect.objectContaining({ _id: late._id, myMode: 'code', place: { placeId: PLACE, name: '张经武故居' } }),
      ]);
      expect(mine.trips).toBeLessThanOrEqual(3);
      expect(
        ok(await w.call('activity', 'month', { view: 'mine', month: '2027-05' }, P.member3)).items[0].myMode,
      ).toBeUndefined();
      expect(ok(await w.call('activity', 'month', { view: 'mine', month: '2027-05' }, P.otherMember)).items).toEqual(
        [],
      );
    }));
});

describe('reminder the day before', () => {
  beforeAll(async () => {
    // Each of them accepted the reminder as often as these tests remind them (one message per acceptance).
    for (const openid of [P.member1, P.member2, P.member3, P.secretary]) {
      await w.allowNotices(openid, 'activityReminder', 200);
    }
  });

  /** Fires the timer until no session is left half reminded (bounded), giving each run's answer. */
  async function remindUntilDone(): Promise<Array<{ activities: number; sent: number; pending: number }>> {
    const runs = [];
    for (let i = 0; i < 30; i += 1) {
      runs.push(ok(await w.fire('activity', 'remindTomorrow')));
      if (runs[runs.length - 1].pending === 0) return runs;
    }
    throw new Error(`reminders still pending after 30 runs: ${JSON.stringify(runs.at(-1))}`);
  }

  it('sends each expected member one reminder, once, and only the timer may run it', async () => {
    const activity = await planned({ title: '明天的微视频', requestId: rid(), startAt: tomorrowTen() });
    const before = w.outbox().length;
    const fired = await remindUntilDone();
    expect(fired[0].activities).toBeGreaterThanOrEqual(1);
    const sent = w.outbox().slice(before);
    const forThis = sent.filter((m) => String(m.page).includes(activity._id));
    expect(forThis.map((m) => m.touser).sort()).toEqual([P.member1, P.member2, P.member3, P.secretary].sort());
    expect(forThis[0].templateId).toBe('local-activityReminder');
    // A tap on the message opens the version the town runs (config miniProgramVersion).
    const state = { release: 'formal', trial: 'trial', develop: 'developer' }[settings.miniProgramVersion];
    expect(forThis[0].miniprogramState).toBe(state);
    const again = w.outbox().length;
    ok(await w.fire('activity', 'remindTomorrow'));
    expect(w.outbox().length).toBe(again);
    expect(code(await w.call('activity', 'remindTomorrow', {}, P.townAdmin))).toBe('FORBIDDEN');
  });

  it('sends in batches over several runs when one run cannot send them all, each message once', async () => {
    // More messages (26 × 4) than one run's 10 batches of 10: the first run is cut short whatever the machine's speed.
    const sessions = [];
    for (let i = 0; i < 26; i += 1)
      sessions.push(await planned({ title: `明天的第${i + 1}场`, requestId: rid(), startAt: tomorrowTen() }));
    const before = w.outbox().length;
    const runs = await remindUntilDone();
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0].pending).toBeGreaterThan(0);
    expect(runs[0].sent).toBeLessThanOrEqual(100);
    const sent = w.outbox().slice(before);
    for (const session of sessions) {
      const forThis = sent.filter((m) => m.page === `packages/activity/detail?id=${session._id}`);
      expect(forThis.map((m) => m.touser).sort()).toEqual([P.member1, P.member2, P.member3, P.secretary].sort());
    }
    expect(sent).toHaveLength(sessions.length * 4);
    // Done: every session marked reminded, and the per-message marks removed.
    const marks = (await w.db.collection('activityReminders').where({}).get()) as unknown as { data: unknown[] };
    expect(marks.data).toEqual([]);
  });

  it('resumes a run cut short between marks and sends without sending a marked message again', async () => {
    const session = await planned({ title: '被打断的提醒', requestId: rid(), startAt: tomorrowTen() });
    // What a run stopped by its timeout leaves: member1 marked (and maybe sent), the session not yet reminded.
    await w.db.collection('activityReminders').add({
      data: { _id: `${session._id}:${P.member1}`, activityId: session._id, openid: P.member1, at: new Date() },
    });
    const before = w.outbox().length;
    await remindUntilDone();
    const forThis = w
      .outbox()
      .slice(before)
      .filter((m) => m.page === `packages/activity/detail?id=${session._id}`);
    expect(forThis.map((m) => m.touser).sort()).toEqual([P.member2, P.member3, P.secretary].sort());
    const again = w.outbox().length;
    await remindUntilDone();
    expect(w.outbox().length).toBe(again);
  });
});
