import type { Page } from 'playwright-core';
import { PERSONA } from '../../emulator/seed/ids';
import { baseUrl, closeBrowser, openByTaps, SETTLED_PAGE, shot, tapThrough, waitForPage } from './helpers';

/**
 * Poor signal in the fields: a half-written request survives closing the app, a request sent with no network
 * waits on the phone, and 发送 later creates it exactly once.
 */
afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE);
const TEXT = '后山那段机耕路被雨水冲垮了一截，拖拉机过不去';

/** Closes the app and opens it again (on 首页), then taps through to where the person was going. */
async function reopen(page: Page, taps: string[]): Promise<Page> {
  const context = page.context();
  await page.close();
  const next = await context.newPage();
  await next.goto(`${baseUrl()}/`);
  await waitForPage(next);
  await tapThrough(next, taps);
  return next;
}

test('a draft survives closing the app; a send without network waits on the phone and goes once on 发送', async () => {
  let page = await openByTaps(PERSONA.villager, ['提交诉求']);
  await current(page).getByText('建议', { exact: true }).click();
  await current(page).locator('textarea').fill(TEXT);

  // Closing the app and coming back: the words are still there.
  page = await reopen(page, ['提交诉求']);
  await expect(current(page).locator('textarea').inputValue()).resolves.toBe(TEXT);

  // No signal: the send fails, the request stays on the phone.
  await page.context().setOffline(true);
  await current(page)
    .locator('.nut-button', { hasText: /^\s*提交\s*$/ })
    .click();
  await current(page)
    .getByText(/网络不好，诉求已保存在手机上/)
    .waitFor();
  await shot(page, 'request-offline-1-saved');

  // Later, with signal, on the 诉求 tab: one tap sends it.
  await page.context().setOffline(false);
  page = await reopen(page, ['诉求']);
  await current(page).getByText('有1条诉求还没发出去').waitFor();
  await shot(page, 'request-offline-2-outbox');
  await current(page)
    .locator('.hl-button', { hasText: /^\s*发送\s*$/ })
    .click();
  await current(page).getByText('已全部发送').waitFor();

  page = await reopen(page, ['诉求']);
  await current(page).locator('.rq-card', { hasText: TEXT }).first().waitFor();
  expect(await current(page).locator('.rq-card', { hasText: TEXT }).count()).toBe(1);
  await expect(
    current(page)
      .getByText(/还没发出去/)
      .count(),
  ).resolves.toBe(0);
  await shot(page, 'request-offline-3-sent-once');
  await page.context().close();
});
