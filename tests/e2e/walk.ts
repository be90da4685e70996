import type { Page, Route } from 'playwright-core';
import { SETTLED_PAGE, waitForPage } from './helpers';

/**
 * Walking the app by taps only, as a person would: what counts as tappable, how a tap is told apart from one that
 * opened a page, and which cloud calls only read (a walk that taps everything must never change the town's data).
 */

/** Actions that only read; a walk lets these through and refuses every other call, so no tap writes anything. */
const READ_ACTIONS = new Set([
  'me',
  'get',
  'list',
  'tree',
  'listBranches',
  'listPlaces',
  'listPeople',
  'listRoleChanges',
  'similar',
  'month',
  'coverage',
  'notVisited',
  'checkinToken',
  'dashboard',
  'summary',
  'reconcile',
  'myLog',
  'listHouseholds',
  'linkable',
  // Makes the branch's join code on its first ask, the same code after that: the page a secretary reads it on.
  'joinCode',
]);

/** Lets reads through and answers every other cloud call with a network failure: the walk changes nothing. */
export async function refuseWrites(page: Page): Promise<void> {
  await page.route('**/api/**', async (route: Route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    let action = '';
    try {
      action = String((JSON.parse(request.postData() ?? '{}') as { action?: unknown }).action ?? '');
    } catch {
      action = '';
    }
    return READ_ACTIONS.has(action) ? route.continue() : route.abort();
  });
}

/**
 * Runs in the page before its scripts: marks every element that is given a click listener. Taro's H5 components
 * attach a tap handler (onClick) to their element with addEventListener, so the mark is what "tappable" means.
 */
function markTapTargets(): void {
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    if (type === 'click' || type === 'tap') (this as EventTarget & { honglinTap?: boolean }).honglinTap = true;
    return (add as (...args: unknown[]) => void).call(this, type, ...rest);
  } as typeof add;
}

/** Makes the page (already open) tell its tappable elements: marks them from its next load on, and reloads it. */
export async function watchTaps(page: Page): Promise<void> {
  await page.addInitScript(markTapTargets);
  await page.reload();
}

/** One tappable element of the page on screen: how to find it again and what it says. */
export interface Tappable {
  /** Class names and (for buttons and menu rows) text: what tells this element apart on its page. */
  key: string;
  /** Which of the elements with that key, in document order. */
  nth: number;
  text: string;
  /** Its box and the computed font size of its text, in CSS px. */
  height: number;
  fontSize: number;
  tab: boolean;
}

/**
 * Every element a person can tap on the settled page and in the tab bar: elements given a tap handler (see
 * markTapTargets), buttons, switches and links; only those with a visible box.
 */
export async function tappables(page: Page): Promise<Tappable[]> {
  return page.evaluate((settled) => {
    const pages = document.querySelectorAll(settled);
    const root = pages[pages.length - 1];
    if (!root) return [];
    const tapHandler = (el: Element) => (el as Element & { honglinTap?: boolean }).honglinTap === true;
    const candidates = [
      ...Array.from(root.querySelectorAll('*')),
      ...Array.from(document.querySelectorAll('.taro-tabbar__tabbar .weui-tabbar__item')),
    ];
    const seen = new Map<string, number>();
    const out: Array<{
      key: string;
      nth: number;
      text: string;
      height: number;
      fontSize: number;
      tab: boolean;
    }> = [];
    for (const el of candidates) {
      const tab = el.classList.contains('weui-tabbar__item');
      const native = ['TARO-BUTTON-CORE', 'BUTTON', 'TARO-SWITCH-CORE', 'A'].includes(el.tagName);
      if (!tab && !native && !tapHandler(el)) continue;
      // A native button inside an element with a handler is the same tap target: keep the outer one.
      if (!tab && el.parentElement && el.parentElement.closest('taro-button-core, button') !== null) continue;
      const box = (el as HTMLElement).getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      const text = ((el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const key = `${el.tagName.toLowerCase()}.${Array.from(el.classList).sort().join('.')}|${text}`;
      const nth = seen.get(key) ?? 0;
      seen.set(key, nth + 1);
      // The size a reader sees: the smallest text inside the element (its own when it holds no other element).
      const texts = [el, ...Array.from(el.querySelectorAll('*'))].filter((node) =>
        Array.from(node.childNodes).some((c) => c.nodeType === Node.TEXT_NODE && (c.textContent ?? '').trim() !== ''),
      );
      const sizes = texts.map((node) => parseFloat(getComputedStyle(node).fontSize));
      out.push({ key, nth, text, height: box.height, fontSize: sizes.length ? Math.min(...sizes) : 0, tab });
    }
    return out;
  }, SETTLED_PAGE);
}

/** Taps the element again found by its key (the page may have re-rendered since it was listed). */
export async function tapOn(page: Page, target: Pick<Tappable, 'key' | 'nth'>): Promise<boolean> {
  const handle = await page.evaluateHandle(
    ({ settled, key, nth }) => {
      const pages = document.querySelectorAll(settled);
      const root = pages[pages.length - 1];
      const all = [
        ...Array.from(root?.querySelectorAll('*') ?? []),
        ...Array.from(document.querySelectorAll('.taro-tabbar__tabbar .weui-tabbar__item')),
      ];
      const matches = all.filter((el) => {
        const text = ((el as HTMLElement).innerText ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `${el.tagName.toLowerCase()}.${Array.from(el.classList).sort().join('.')}|${text}` === key;
      });
      return matches[nth] ?? null;
    },
    { settled: SETTLED_PAGE, key: target.key, nth: target.nth },
  );
  const element = handle.asElement();
  if (!element) return false;
  await element.scrollIntoViewIfNeeded();
  await element.click();
  return true;
}

/** The page on screen with its address (hash route with query), e.g. '/packages/request/detail?id=r1'. */
export function routeOf(page: Page): string {
  const url = new URL(page.url());
  if (!url.protocol.startsWith('http')) return url.href;
  return decodeURIComponent(url.hash.replace(/^#/, '')) || '/pages/home/index';
}

export const pathOf = (route: string) => route.split('?')[0];

/** After a tap: the page it opened (waited for until settled), or null when it stayed on the same page. */
export async function afterTap(page: Page, before: string): Promise<string | null> {
  // Taro's router changes the address within the tap's handler; a tap that opens nothing leaves it. Two frames
  // let a handler that awaits nothing run; a handler that reads first is given until the network is quiet.
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.waitForLoadState('networkidle');
  await animationsDone(page);
  const now = routeOf(page);
  if (now === before) return null;
  if (now.startsWith('/')) await waitForPage(page, pathOf(now));
  return now;
}

/**
 * Waits for the animations a tap started to end (a picker's mask fades in from transparent): until then a layer the
 * tap opened cannot be told from the page. Endless ones (a loading spinner) are not waited for.
 */
async function animationsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** What the page on screen shows as its error state, if any (PageShell's error and sign-in states). */
export async function errorOnPage(page: Page): Promise<string | null> {
  const error = page.locator(SETTLED_PAGE).last().locator('.hl-state--error, .hl-state--sign-in');
  if ((await error.count()) === 0) return null;
  return (await error.first().innerText()).replace(/\s+/g, ' ');
}

/** A full-screen layer (a dialog, a picker, a mask) over the page: a tap opened something that is not a page. */
export async function layerOpen(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Array.from(document.body.querySelectorAll('*')).some((el) => {
      const style = getComputedStyle(el);
      if (style.position !== 'fixed' || style.display === 'none' || style.visibility === 'hidden') return false;
      if (el.closest('.taro-tabbar__tabbar')) return false;
      const box = el.getBoundingClientRect();
      return box.width * box.height > window.innerWidth * window.innerHeight * 0.5 && Number(style.opacity) > 0;
    }),
  );
}

/** How deep a walk goes from 首页, and how many pages one persona opens at most. */
const MAX_DEPTH = 4;
const MAX_PAGES = 40;
/** Rows of one list lead to the same kind of page: once this many of a kind led nowhere new, the rest are left. */
const MAX_SAME_CLASS = 4;

/** A way from 首页 to a page: the taps, each naming the element and the address it led to. */
interface Step {
  target: Pick<Tappable, 'key' | 'nth'>;
  route: string;
}

export interface WalkOptions {
  /** 长辈模式 on (answered 打开长辈模式 on first launch) or off (不用了). */
  elder: boolean;
  /** Called once on every page the walk reaches first (首页 included), settled, before anything is tapped there. */
  onPage?: (page: Page, route: string) => Promise<void>;
}

export interface WalkResult {
  /** Every page path reached, with the address it was first reached at. */
  reached: Map<string, string>;
  /** Pages that showed an error state: where from, by which tap, and what they said. */
  errors: string[];
}

/** The mode switch is not walked through: flipping it would change the walk's own conditions. */
const modeSwitch = (t: Tappable) => t.text.includes('长辈模式') || t.key.startsWith('taro-switch-core');

/**
 * A person's walk by taps: starts on 首页, answers the first-launch question, then breadth first taps every tappable
 * element of every page it reaches (bounded), going back after each page opened. Writes are refused throughout.
 */
export async function walk(page: Page, persona: string, options: WalkOptions): Promise<WalkResult> {
  await refuseWrites(page);
  await watchTaps(page);
  await waitForPage(page);
  await page
    .locator(SETTLED_PAGE)
    .getByText(options.elder ? '打开长辈模式' : '不用了', { exact: true })
    .click();
  const home = routeOf(page);
  const origin = new URL(page.url()).origin;
  const reached = new Map<string, string>([[pathOf(home), home]]);
  const errors: string[] = [];
  const tapped = new Set<string>();
  /** Per page and kind of element (its classes): how many taps of that kind opened no page not reached before. */
  const nothingNew = new Map<string, number>();
  const queue: Step[][] = [[]];
  await options.onPage?.(page, home);

  /** Back to the end of a way: the app opened again on 首页, then tap by tap. */
  async function replay(steps: Step[]): Promise<boolean> {
    await page.goto(`${origin}/`);
    await waitForPage(page);
    for (const step of steps) {
      const before = routeOf(page);
      if (!(await tapOn(page, step.target))) return false;
      const now = await afterTap(page, before);
      if (pathOf(now ?? before) !== pathOf(step.route)) return false;
    }
    return true;
  }

  while (queue.length > 0 && reached.size < MAX_PAGES) {
    const way = queue.shift() as Step[];
    if (!(await replay(way))) continue;
    const here = routeOf(page);
    const list = await tappables(page);
    for (const t of list) {
      if (reached.size >= MAX_PAGES) break;
      if (modeSwitch(t)) continue;
      // The tab bar is the same on every page: its tabs are walked from 首页 only.
      if (t.tab && way.length > 0) continue;
      const classKey = `${pathOf(here)}|${t.key.split('|')[0]}`;
      const tapKey = `${pathOf(here)}|${t.key}`;
      if (tapped.has(tapKey) || (nothingNew.get(classKey) ?? 0) >= MAX_SAME_CLASS) continue;
      tapped.add(tapKey);
      const uneventful = () => nothingNew.set(classKey, (nothingNew.get(classKey) ?? 0) + 1);
      // A layer still over the page (a picker, a dialog) would take the tap: the way is replayed without it.
      if ((routeOf(page) !== here || (await layerOpen(page))) && !(await replay(way))) break;
      if (!(await tapOn(page, t))) continue;
      const opened = await afterTap(page, here);
      if (opened === null) {
        uneventful();
        if (await layerOpen(page)) await replay(way);
        // A chip or a switch of month may have brought new things to tap: they join the page's list.
        else for (const more of await tappables(page)) if (!list.some((l) => l.key === more.key)) list.push(more);
        continue;
      }
      const error = await errorOnPage(page);
      if (error) errors.push(`${persona}: ${pathOf(here)} → 「${t.text}」 → ${opened}: ${error}`);
      if (reached.has(pathOf(opened))) uneventful();
      else {
        reached.set(pathOf(opened), opened);
        await options.onPage?.(page, opened);
        if (!error && way.length + 1 < MAX_DEPTH) queue.push([...way, { target: t, route: opened }]);
      }
      // Back as the phone's back button does; a tab switch leaves nothing to go back to, so the way is replayed.
      if (!t.tab) {
        await page.goBack();
        await afterTap(page, opened);
      }
      if (routeOf(page) !== here && !(await replay(way))) break;
    }
  }
  return { reached, errors };
}

/** A file name for a page's screenshot: packages-request-detail. */
export const shotName = (route: string) => pathOf(route).replace(/^\//, '').replace(/\//g, '-');
