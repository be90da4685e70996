import type { Page } from 'playwright-core';
import { SECRET_HEADER } from '../../emulator/http/doors';
import { PERSONA, UNIT } from '../../emulator/seed/ids';
import { baseUrl, closeBrowser, currentPagePath, openAs, openByTaps, SETTLED_PAGE, shot, waitForPage } from './helpers';

/**
 * 统计报表 in the browser: the town admin opens the dashboard (after the nightly reconciliation has counted the
 * demo town's records), switches to 西草坪村 and to the year, taps through a figure to the requests behind it,
 * comes back, copies the summary and exports the Excel file, whose link downloads.
 */
afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE).last();

async function dashboardShown(page: Page) {
  await current(page).locator('.st-heading').waitFor();
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

test('a town admin reads, switches, taps through and exports the figures', async () => {
  // The demo records were written straight into the database: the nightly check counts them (last and this
  // month), and the town admin's own reconciliation the rest of the year.
  const fired = await fetch(`${baseUrl()}/__timer/stats/nightly`, {
    method: 'POST',
    headers: { [SECRET_HEADER]: process.env.HONGLIN_E2E_SECRET ?? '' },
  });
  expect(fired.status).toBe(200);
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
  const reconciled = await fetch(`${baseUrl()}/api/stats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': PERSONA.townAdmin },
    body: JSON.stringify({ action: 'reconcile', unitId: UNIT.town, from: `${year.slice(0, 4)}-01`, to: year }),
  });
  expect(((await reconciled.json()) as { ok: boolean }).ok).toBe(true);

  const page = await openByTaps(PERSONA.townAdmin, ['本单位数据']);
  await dashboardShown(page);
  const heading = current(page).locator('.st-heading');
  await expect(heading.textContent()).resolves.toMatch(/^鹿原镇 · \d{4}年\d{1,2}月$/);
  await shot(page, 'stats-1-town-month');
  const byVillage = current(page).locator('.st-chart', { hasText: '各村办结诉求' });
  // The town organs' own row, then the four villages: the rows add up to the town.
  await expect(byVillage.locator('.st-row').count()).resolves.toBe(5);
  await expect(byVillage.locator('.st-row').first().textContent()).resolves.toContain('鹿原镇机关');
  await byVillage.scrollIntoViewIfNeeded();
  await shot(page, 'stats-1b-town-by-category-and-village');

  await current(page).locator('.st-chip', { hasText: '西草坪村' }).click();
  await heading.filter({ hasText: '西草坪村' }).waitFor();
  await dashboardShown(page);
  await shot(page, 'stats-2-village-month');

  await current(page).locator('.st-chip', { hasText: '按年' }).click();
  await heading.filter({ hasText: /西草坪村 · \d{4}年$/ }).waitFor();
  await dashboardShown(page);
  const received = current(page).locator('.st-tile', { hasText: '收到（件）' });
  const count = Number((await received.locator('.st-tile-value').textContent())?.trim());
  expect(count).toBeGreaterThan(0);
  await current(page).locator('.st-chart').first().scrollIntoViewIfNeeded();
  await shot(page, 'stats-3-village-year-charts');

  await received.click();
  await waitForPage(page, '/packages/stats/list');
  expect(await currentPagePath(page)).toBe('/packages/stats/list');
  await current(page)
    .getByText(/群众诉求/)
    .first()
    .waitFor();
  await current(page).getByText('正在加载…').waitFor({ state: 'detached' });
  await shot(page, 'stats-4-requests-behind-the-figure');
  await page.goBack();
  await dashboardShown(page);

  const summary = current(page).locator('.st-summary');
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toContain('西草坪村');
  await summary.scrollIntoViewIfNeeded();
  await shot(page, 'stats-5-summary');

  await current(page).locator('.st-button', { hasText: '导出Excel' }).click();
  const link = current(page).locator('.st-link');
  await link.waitFor({ timeout: 60_000 });
  const url = (await link.textContent())?.trim() ?? '';
  expect(url).toMatch(/^https?:\/\//);
  await link.scrollIntoViewIfNeeded();
  await shot(page, 'stats-6-export');
  const file = await page.request.get(url);
  expect(file.status()).toBe(200);
  // An .xlsx is a zip: it starts with PK.
  expect((await file.body()).subarray(0, 2).toString()).toBe('PK');
  await page.context().close();
});

test('a member is told the figures are for admins and secretaries', async () => {
  // No entry leads a member here; a shared link to the figures can.
  const page = await openAs(PERSONA.member, '/packages/stats/index');
  await waitForPage(page);
  await current(page).getByText('统计报表供镇、村管理员和支部书记查看。').waitFor();
  await page.context().close();
});
