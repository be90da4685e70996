import { seedDemo } from '../../../emulator/seed/demo';
import { PERSONA, UNIT } from '../../../emulator/seed/ids';
import { ok, startPrivateCloud, type PrivateCloud } from '../helpers/world';
import { asRecount, recount, shanghaiMonth } from './recount';
import { raw, todayShanghai } from './world';

/**
 * The demo data of `npm run dev` goes through the same counters as real use: straight after seeding, the dashboard
 * equals the count from the records for every month of it, and neither the nightly run nor a reconciliation over
 * all its months finds anything to fix.
 */
let w: PrivateCloud;
let months: string[];

beforeAll(async () => {
  w = await startPrivateCloud('stats-demo');
  await seedDemo(w.db);
  const records = await raw(w);
  const dates = [
    ...records.requests.map((r) => r.createdAt),
    ...records.pledges.flatMap((p) => [p.submittedAt, ...p.fulfilments.map((f) => f.createdAt)]),
    ...records.visits.map((v) => v.createdAt),
  ].filter((d): d is Date => !!d);
  const first = shanghaiMonth(new Date(Math.min(...dates.map((d) => new Date(d).getTime()))));
  const now = shanghaiMonth(new Date());
  months = [];
  for (let m = first; m <= now; m = shanghaiMonth(new Date(Date.parse(`${m}-15T00:00:00Z`) + 31 * 86400_000)))
    months.push(m);
});

afterAll(async () => {
  await w?.stop();
});

it('shows every figure of the demo at once, as the records count it, for the town and each month', async () => {
  expect(months.length).toBeGreaterThan(1);
  const records = await raw(w);
  for (const unitId of [UNIT.town, UNIT.xicaoping]) {
    for (const period of [
      ...months.map((m) => ({ kind: 'month', month: m })),
      { kind: 'range', from: months[0], to: months[months.length - 1] },
    ]) {
      const board = ok(await w.call('stats', 'dashboard', { unitId, period }, PERSONA.townAdmin));
      const asked = 'month' in period ? [period.month] : months;
      const expected = recount(records, unitId, asked, todayShanghai());
      if (board.figures === null)
        expect(expected).toMatchObject({ received: 0, pledges: 0, fulfilments: 0, visits: 0, lessons: 0 });
      else expect({ unitId, asked, figures: asRecount(board.figures) }).toEqual({ unitId, asked, figures: expected });
    }
  }
});

it('leaves the nightly run and a reconciliation over all its months nothing to fix', async () => {
  const nightly = ok(await w.fire('stats', 'nightly'));
  expect(nightly.flatMap((r: { fixes: unknown[] }) => r.fixes)).toEqual([]);
  const report = ok(
    await w.call(
      'stats',
      'reconcile',
      { unitId: UNIT.town, from: months[0], to: months[months.length - 1] },
      PERSONA.townAdmin,
    ),
  );
  expect(report.fixes).toEqual([]);
});
