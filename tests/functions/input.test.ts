import { shanghai } from '@honglin/types/time';
import { BRANCH, PERSONA, UNIT } from '../../emulator/seed/ids';
import { code, ok, rid, startDemoWorld, type DemoWorld, type Envelope } from './user/world';
import { household } from './access-fixtures/org';

/**
 * Input that makes sense, through the local cloud: calendar dates that exist and lie within each field's window
 * (types/time.ts DATE_WINDOWS), free texts with something visible in them, film links over https only and
 * content-checked. Every refusal is INVALID_ARGUMENT (or CONTENT_REJECTED) with a Chinese message, and stores
 * nothing.
 */
let world: DemoWorld;
/** A household of 一邻 to visit. */
let householdId: string;
beforeAll(async () => {
  world = await startDemoWorld('input');
  householdId = await household(world);
});
afterAll(() => world?.stop());

const day = (offsetDays: number) => shanghai().add(offsetDays, 'day').format('YYYY-MM-DD');

function expectInvalid(answer: Envelope, message: RegExp | string): void {
  expect(code(answer)).toBe('INVALID_ARGUMENT');
  if (answer.ok) return;
  if (typeof message === 'string') expect(answer.error.message).toBe(message);
  else expect(answer.error.message).toMatch(message);
}

describe('calendar dates', () => {
  const visit = (date: string) => ({
    requestId: rid(),
    household: { householdId },
    date,
    discussed: '聊了聊家里的情况',
  });

  it('a visit: not in the future, not more than a year back, a real day', async () => {
    const cases: Array<[string, string]> = [
      [day(1), '走访日期不能晚于今天'],
      [day(-400), '走访日期不能早于一年前'],
      ['2026-02-30', '不是有效的日期'],
      ['2026-13-01', '不是有效的日期'],
      ['0001-01-01', '走访日期不能早于一年前'],
    ];
    for (const [date, message] of cases) {
      const input = visit(date);
      expectInvalid(await world.call(PERSONA.neighbourHead, 'visit', 'log', input), message);
      expect(await world.find('visits', { _id: input.requestId })).toHaveLength(0);
    }
    ok(await world.call(PERSONA.neighbourHead, 'visit', 'log', visit(day(-300))));
  });

  it('an activity: within a year back and two years ahead', async () => {
    const plan = (startAt: string) => ({
      requestId: rid(),
      branchId: BRANCH.xicaoping,
      kind: 'lesson',
      title: '田间微党课',
      startAt,
      place: { description: '村东头稻田' },
    });
    expectInvalid(
      await world.call(PERSONA.secretary, 'activity', 'plan', plan(shanghai().add(3, 'year').format())),
      '活动时间不能晚于两年以后',
    );
    expectInvalid(await world.call(PERSONA.secretary, 'activity', 'plan', plan('0001-01-01T09:00:00+08:00')), /一年前/);
    expect(await world.find('activities', { title: '田间微党课', branchId: BRANCH.xicaoping })).toHaveLength(0);
    ok(await world.call(PERSONA.secretary, 'activity', 'plan', plan(shanghai().add(1, 'year').format())));
  });

  it('a pledge due day: today at the earliest, two years ahead at most; a fulfilment: done, within a year', async () => {
    const pledge = (dueDay: string) => ({
      requestId: rid(),
      category: 'volunteer',
      content: '清理村口水渠',
      target: '200米',
      dueDay,
      submit: true,
    });
    expectInvalid(await world.call(PERSONA.member, 'pledge', 'create', pledge(day(-1))), '完成日期不能早于今天');
    expectInvalid(await world.call(PERSONA.member, 'pledge', 'create', pledge(day(800))), '完成日期不能晚于两年以后');
    const { id } = ok(await world.call(PERSONA.member, 'pledge', 'create', pledge(day(30))));
    ok(await world.call(PERSONA.secretary, 'pledge', 'review', { id, decision: 'approve' }));
    const fulfil = (d: string) => ({ id, requestId: rid(), day: d, text: '清了一百米', peopleHelped: 0 });
    expectInvalid(await world.call(PERSONA.member, 'pledge', 'addFulfilment', fulfil(day(1))), '践诺日期不能晚于今天');
    expectInvalid(
      await world.call(PERSONA.member, 'pledge', 'addFulfilment', fulfil(day(-400))),
      '践诺日期不能早于一年前',
    );
    const [stored] = await world.find<{ fulfilments: unknown[] }>('pledges', { _id: id });
    expect(stored.fulfilments).toHaveLength(0);
  });

  it('a film watched: not in the future; months asked for: no year 0001, no month 13', async () => {
    expectInvalid(
      await world.call(PERSONA.member, 'video', 'logWatched', {
        requestId: rid(),
        filmId: 'film-bangyang',
        day: day(1),
      }),
      '观看日期不能晚于今天',
    );
    for (const month of ['0001-01', '2026-13', '9999-12']) {
      expect(
        code(
          await world.call(PERSONA.townAdmin, 'stats', 'dashboard', {
            unitId: UNIT.town,
            period: { kind: 'month', month },
          }),
        ),
      ).toBe('INVALID_ARGUMENT');
    }
  });
});

describe('free texts need something visible', () => {
  const blanks = ['\u200b\u200b\u200b', ' \u3000\u200d\ufeff ', '\u2060\u200c\u00ad\u3164'];

  it('a request, a comment and a pledge of zero-width or blank characters alone are refused; nothing stored', async () => {
    for (const text of blanks) {
      const requestId = rid();
      const answer = await world.call(PERSONA.villager, 'request', 'submit', { requestId, category: 'help', text });
      expect(code(answer)).toBe('INVALID_ARGUMENT');
      expect(await world.find('requests', { _id: requestId })).toHaveLength(0);
    }
    const { id } = ok(
      await world.call(PERSONA.villager, 'request', 'submit', { requestId: rid(), category: 'help', text: '井水浑了' }),
    );
    for (const text of blanks) {
      expect(code(await world.call(PERSONA.villager, 'request', 'comment', { id, requestId: rid(), text }))).toBe(
        'INVALID_ARGUMENT',
      );
    }
    expect(await world.find('timeline', { subjectId: id, event: 'comment' })).toHaveLength(0);
    const pledge = {
      requestId: rid(),
      category: 'volunteer',
      content: '\u200b\u200b\u200b\u200b',
      target: '200米',
      dueDay: day(30),
    };
    expect(code(await world.call(PERSONA.member, 'pledge', 'create', pledge))).toBe('INVALID_ARGUMENT');
    expect(await world.find('pledges', { _id: pledge.requestId })).toHaveLength(0);
  });

  it('a visible word among zero-width characters is kept', async () => {
    ok(
      await world.call(PERSONA.villager, 'request', 'submit', {
        requestId: rid(),
        category: 'help',
        text: '\u200b路灯坏了\u200b',
      }),
    );
  });
});

describe('film links', () => {
  const film = (url: string) => ({
    requestId: rid(),
    title: '先锋力量',
    kind: 'exemplar',
    lengthMinutes: 30,
    where: [{ platform: '株洲党建', url }],
  });

  it('only https; the link is content-checked like the rest of the film', async () => {
    for (const url of ['http://example.com/film', 'javascript:alert(1)', 'ftp://example.com/film']) {
      const input = film(url);
      expect(code(await world.call(PERSONA.townAdmin, 'video', 'save', input))).toBe('INVALID_ARGUMENT');
      expect(await world.find('films', { _id: `film_${input.requestId}` })).toHaveLength(0);
    }
    const risky = film('https://example.com/测试违规词');
    expect(code(await world.call(PERSONA.townAdmin, 'video', 'save', risky))).toBe('CONTENT_REJECTED');
    expect(await world.find('films', { _id: `film_${risky.requestId}` })).toHaveLength(0);
    ok(await world.call(PERSONA.townAdmin, 'video', 'save', film('https://example.com/film')));
  });
});
