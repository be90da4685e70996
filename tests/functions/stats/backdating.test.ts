import { shanghai } from '@honglin/types/time';
import { H, P, V1, code, ok, rid, type World } from '../request/world';
import { residentsPledge, startStatsWorld, thisMonth, todayShanghai } from './world';

/**
 * Counted when it happened: a visit or a fulfilment entered today for a day of last month counts in last month
 * (Asia/Shanghai), the dashboard and the visit coverage page agree, and the day may be neither in the future nor
 * beyond the back-dating window (a year: DATE_WINDOWS.visit).
 */
let w: World;

/** A day `n` days from today (Shanghai), as YYYY-MM-DD. */
const dayFromToday = (n: number) =>
  new Date(Date.parse(`${todayShanghai()}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
/** The last day of last month and the first day of this month (Shanghai): one calendar day apart. */
const [y, m] = thisMonth().split('-').map(Number);
const LAST_OF_LAST_MONTH = new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
const LAST_MONTH = LAST_OF_LAST_MONTH.slice(0, 7);
const FIRST_OF_THIS_MONTH = `${thisMonth()}-01`;

const visit = (date: string, problems: object[] = []) =>
  w.call(
    'visit',
    'log',
    { requestId: rid(), household: { householdId: H.zhang }, date, discussed: '聊了今年的收成', problems },
    P.head1,
  );
const figures = async (month: string) =>
  ok(await w.call('stats', 'dashboard', { unitId: V1, period: { kind: 'month', month } }, P.townAdmin)).figures;
const coverage = async (month: string) =>
  ok(await w.call('visit', 'coverage', { villageId: V1, month }, P.villageAdmin)).rows.find(
    (r: { unitId: string }) => r.unitId === 'n-xcp-1',
  );

beforeAll(async () => {
  w = await startStatsWorld('stats-backdating');
});

afterAll(async () => {
  await w?.stop();
});

it('counts a visit on the last day of last month in last month, on the dashboard and the coverage page alike', async () => {
  ok(await visit(LAST_OF_LAST_MONTH, [{ category: 'help', text: '屋顶漏雨需要修补' }]));
  ok(await visit(FIRST_OF_THIS_MONTH));
  const [last, now] = [await figures(LAST_MONTH), await figures(thisMonth())];
  expect(last.visits).toMatchObject({ visits: 1, households: 1, problemsRaised: 1 });
  expect(now.visits).toMatchObject({ visits: 1, households: 1, problemsRaised: 0 });
  // The problem raised became a request today: received this month, when it could first be handled.
  expect(last.requests.received).toBe(0);
  expect(now.requests.received).toBe(1);
  expect(await coverage(LAST_MONTH)).toMatchObject({ visited: last.visits.households });
  expect(await coverage(thisMonth())).toMatchObject({ visited: now.visits.households });
  // Happened on and entered on are both kept.
  const { data } = (await w.db.collection('visits').where({ date: LAST_OF_LAST_MONTH }).get()) as unknown as {
    data: Array<{ date: string; createdAt: Date }>;
  };
  expect(data[0].date).toBe(LAST_OF_LAST_MONTH);
  expect(todayShanghai()).not.toBe(LAST_OF_LAST_MONTH);
  expect(new Date(data[0].createdAt).getTime()).toBeGreaterThan(Date.parse(`${LAST_OF_LAST_MONTH}T23:59:59+08:00`));
});

it('refuses a visit dated in the future or beyond the back-dating window, storing nothing', async () => {
  const before = ((await w.db.collection('visits').count()) as unknown as { total: number }).total;
  const tomorrow = await visit(dayFromToday(1));
  expect(code(tomorrow)).toBe('INVALID_ARGUMENT');
  if (!tomorrow.ok) expect(tomorrow.error.message).toBe('走访日期不能晚于今天');
  const aYearAgo = shanghai().subtract(1, 'year');
  const tooOld = await visit(aYearAgo.subtract(1, 'day').format('YYYY-MM-DD'));
  expect(code(tooOld)).toBe('INVALID_ARGUMENT');
  if (!tooOld.ok) expect(tooOld.error.message).toBe('走访日期不能早于一年前');
  expect(((await w.db.collection('visits').count()) as unknown as { total: number }).total).toBe(before);
  ok(await visit(aYearAgo.format('YYYY-MM-DD')));
});

it('counts a fulfilment in the month of its own day, and refuses a day in the future', async () => {
  const id = ok(await w.call('pledge', 'create', residentsPledge(true), P.member)).id as string;
  ok(await w.call('pledge', 'review', { id, decision: 'approve' }, P.secretary));
  const fulfil = (day: string) =>
    w.call(
      'pledge',
      'addFulfilment',
      { id, requestId: rid(), day, text: '帮陈奶奶买菜送上门', peopleHelped: 1 },
      P.member,
    );
  const [lastBefore, nowBefore] = [await figures(LAST_MONTH), await figures(thisMonth())];
  ok(await fulfil(LAST_OF_LAST_MONTH));
  expect((await figures(LAST_MONTH)).pledges.fulfilments).toBe(lastBefore.pledges.fulfilments + 1);
  expect((await figures(thisMonth())).pledges.fulfilments).toBe(nowBefore.pledges.fulfilments);
  expect(code(await fulfil(dayFromToday(1)))).toBe('INVALID_ARGUMENT');
});
