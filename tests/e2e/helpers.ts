import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The persona cookie of the dev gateway (emulator/gateway/personas.ts). */
const PERSONA_COOKIE = 'honglin_persona';
/** Screenshots of e2e runs (git-ignored). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', 'artifacts');

function fromEnv(name: 'HONGLIN_E2E_BASE_URL' | 'HONGLIN_E2E_WS'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e tests through jest (tests/setup/e2e-global-setup.ts)`);
  return value;
}

export function baseUrl(): string {
  return fromEnv('HONGLIN_E2E_BASE_URL');
}

let browser: Browser | undefined;

/** The shared browser of this test file; close it in afterAll with closeBrowser(). */
async function connectedBrowser(): Promise<Browser> {
  browser ??= await chromium.connect(fromEnv('HONGLIN_E2E_WS'));
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/**
 * A new page in its own context (phone-sized, zh-CN), signed in as `persona` (an openid of the seeded
 * users; '' for a caller without identity), opened at the hash route `hashPath` (e.g. '/pages/me/index').
 */
export async function openAs(persona: string, hashPath = ''): Promise<Page> {
  const context = await (
    await connectedBrowser()
  ).newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    hasTouch: true,
  });
  // Playwright's 30 s default turns a page that loads slowly on a busy machine into a failure; waits here are for
  // conditions, so this bound only catches a page that never comes.
  context.setDefaultTimeout(180_000);
  if (persona) {
    await context.addCookies([{ name: PERSONA_COOKIE, value: encodeURIComponent(persona), url: baseUrl() }]);
  }
  const page = await context.newPage();
  await page.addInitScript(recordFirstRender, SETTLED_PAGE);
  await page.goto(`${baseUrl()}/${hashPath ? `#${hashPath}` : ''}`);
  return page;
}

/** The Taro H5 page on screen once its enter transition is over (the router adds these classes in that order). */
export const SETTLED_PAGE = '.taro_page.taro_page_show.taro_page_stationed:not(.taro_page_shade)';

/**
 * Waits until the current Taro page has settled (enter transition over; before that a screenshot is
 * blank), PageShell has finished loading its data, and the result has been painted. With `route`, waits for
 * that page: after a navigation the address changes before the router has put the new page on screen.
 */
export async function waitForPage(page: Page, route?: string): Promise<void> {
  const settled = route ? `${SETTLED_PAGE}[id^="${route}"]` : SETTLED_PAGE;
  const current = page.locator(settled).last();
  await current.waitFor({ state: 'visible' });
  await current.locator('.hl-state--loading').waitFor({ state: 'detached' });
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** The route of the page on screen, e.g. '/pages/me/index' (Taro names the page element by its path). */
export async function currentPagePath(page: Page): Promise<string> {
  const id = await page.locator(SETTLED_PAGE).last().getAttribute('id');
  return (id ?? '').split('?')[0];
}

declare global {
  interface Window {
    /** performance.now() of the first frame that showed the current page's content (set by recordFirstRender). */
    honglinFirstRender?: number;
  }
}

/** Runs in the page before any of its scripts: notes the first frame in which the settled page shows text. */
function recordFirstRender(settledPage: string): void {
  const observer = new MutationObserver(() => {
    const current = document.querySelector<HTMLElement>(settledPage);
    if (!current || current.innerText.trim() === '') return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.honglinFirstRender = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
}

/** Milliseconds from navigation start to the first frame with page content (waits for it). */
export async function firstRenderMs(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => window.honglinFirstRender);
  return Number(await handle.jsonValue());
}

/** Saves a screenshot as tests/artifacts/<name>.png and gives its path. */
export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Moves on by tapping, in order, the elements (or tab labels) that say each text, as a person does; waits after
 * each tap for the page it opened.
 */
export async function tapThrough(page: Page, taps: Array<string | RegExp>): Promise<void> {
  const scope = page.locator(`${SETTLED_PAGE}, .taro-tabbar__tabbar`);
  for (const text of taps) {
    const before = page.url();
    // A NutUI button takes the tap itself (its label lets taps through): find the button by its words first.
    const words =
      typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text;
    const button = scope.locator('.nut-button', { hasText: words });
    const target =
      (await button.count()) > 0 ? button.first() : scope.getByText(text, { exact: typeof text === 'string' }).first();
    await target.click();
    await page.waitForURL((url) => url.toString() !== before);
    await waitForPage(page, decodeURIComponent(new URL(page.url()).hash.slice(1)).split('?')[0]);
  }
}

/** Opens the app as `persona` on 首页 and taps through `taps` (see tapThrough): how a person gets anywhere. */
export async function openByTaps(persona: string, taps: Array<string | RegExp>): Promise<Page> {
  const page = await openAs(persona);
  await waitForPage(page);
  await tapThrough(page, taps);
  return page;
}
