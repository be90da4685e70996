import type { Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../emulator/seed/demo';
import { closeBrowser, currentPagePath, firstRenderMs, openAs, SETTLED_PAGE, shot, waitForPage } from './helpers';

const TABS = ['首页', '诉求', '承诺', '我的'];

let page: Page;

afterAll(closeBrowser);

describe('the H5 app shell', () => {
  beforeAll(async () => {
    page = await openAs('demo-villager');
    await waitForPage(page);
  });

  afterAll(() => page.context().close());

  test('opens on 首页 with the tab bar 首页 / 诉求 / 承诺 / 我的', async () => {
    const labels = await page.locator('.taro-tabbar__tabbar .weui-tabbar__label').allTextContents();
    expect(labels.map((l) => l.trim())).toEqual(TABS);
    expect(page.url()).toMatch(/\/(#\/pages\/home\/index)?$/);
    await expect(currentPagePath(page)).resolves.toBe('/pages/home/index');
    await expect(page.locator(SETTLED_PAGE).innerText()).resolves.not.toBe('');
    await shot(page, 'shell-home');
  });

  test('tapping 我的 shows the 我的 page', async () => {
    await page.locator('.taro-tabbar__tabbar .weui-tabbar__label', { hasText: '我的' }).click();
    await page.waitForURL(/#\/pages\/me\/index/);
    await waitForPage(page);
    await expect(currentPagePath(page)).resolves.toBe('/pages/me/index');
    await expect(page.locator(SETTLED_PAGE).innerText()).resolves.not.toBe('');
    await shot(page, 'shell-me');
  });

  test('first render: navigation start to the first page content on screen (logged, not asserted)', async () => {
    const fresh = await openAs('demo-villager');
    const ms = await firstRenderMs(fresh);
    await fresh.context().close();
    // The lead collects this number (DESIGN.md §8 budgets the H5 first render at 1 s on localhost).
    console.info(`H5 first render: ${Math.round(ms)} ms`);
    expect(ms).toBeGreaterThan(0);
  });

  test('openAs signs in as a seeded persona: the gateway calls functions as that person', async () => {
    const member = DEMO_PEOPLE.find((p) => p.openid === 'demo-member');
    const signedIn = await openAs('demo-member');
    const answer = await signedIn.evaluate(async () => {
      const response = await fetch('/api/user', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'me' }),
      });
      return response.json();
    });
    await signedIn.context().close();
    expect(answer).toMatchObject({ ok: true, data: { known: true, nickname: member?.nickname } });
  });
});
