import { PERSONA } from '../../emulator/seed/ids';
import { closeBrowser, openAs, waitForPage } from './helpers';
import { afterTap, errorOnPage, layerOpen, pathOf, refuseWrites, routeOf, tapOn, tappables, type Tappable } from './walk';

/**
 * Every screen reached by taps (DESIGN §7): for each persona the walk starts on 首页 and taps every tappable element
 * breadth first (bounded), noting each page it reaches. It fails when a page of app.config is reached by nobody
 * (except those only opened from outside the app, listed below with why), or when a page reached by a persona
 * shows an error to that persona: an entry shown to someone who cannot use it.
 * Writes are refused on the way (walk.ts), so tapping 保存 or 注销 changes nothing.
 */
jest.setTimeout(900_000);
afterAll(closeBrowser);


/** Pages a person opens from outside the app, never by a tap inside it. */
const FROM_OUTSIDE: Record<string, string> = {
  '/packages/activity/checkin': 'opened by scanning the check-in QR code the organiser shows (WeChat scan)',
};

const PERSONAS = [
  PERSONA.villager,
  PERSONA.neighbourHead,
  PERSONA.groupHead,
  PERSONA.blockHead,
  PERSONA.member,
  PERSONA.secretary,
  PERSONA.villageAdmin,
  PERSONA.townAdmin,
];

/** How deep a walk goes from a tab page, and how many pages one persona opens at most. */
const MAX_DEPTH = 4;
const MAX_PAGES = 40;
/** Rows of one list lead to the same kind of page: a few of each are enough. */
const MAX_SAME_CLASS = 6;

/** The pages of src/app.config.ts (Taro's build provides its defineAppConfig global; here it is the identity). */
const allPages = (): string[] => {
  (globalThis as { defineAppConfig?: unknown }).defineAppConfig = (config: unknown) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../src/app.config').default as {
    pages: string[];
    subPackages: Array<{ root: string; pages: string[] }>;
  };
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map(
    (p) => `/${p}`,
  );
};

/** A way from 首页 to a page: the taps, each naming the element and the address it led to. */
interface Step {
  target: Pick<Tappable, 'key' | 'nth'>;
  route: string;
}

const reachedBy = new Map<string, Set<string>>();
const errors: string[] = [];

async function walk(persona: string): Promise<void> {
  const page = await openAs(persona);
  await refuseWrites(page);
  await waitForPage(page);
  const home = routeOf(page);
  const seenPaths = new Set<string>([pathOf(home)]);
  const tappedOn = new Map<string, number>();
  const queue: Step[][] = [[]];
  const note = (route: string) => {
    const set = reachedBy.get(pathOf(route)) ?? new Set<string>();
    set.add(persona);
    reachedBy.set(pathOf(route), set);
  };
  note(home);

  /** Back to the end of a way: from 首页 again, tap by tap. */
  async function replay(steps: Step[]): Promise<boolean> {
    await page.goto(new URL(page.url()).origin + '/');
    await waitForPage(page);
    for (const step of steps) {
      const before = routeOf(page);
      if (!(await tapOn(page, step.target))) return false;
      const now = await afterTap(page, before);
      if (pathOf(now ?? before) !== pathOf(step.route)) return false;
    }
    return true;
  }

  while (queue.length > 0 && seenPaths.size < MAX_PAGES) {
    const way = queue.shift() as Step[];
    if (!(await replay(way))) continue;
    const here = routeOf(page);
    for (const t of await tappables(page)) {
      if (seenPaths.size >= MAX_PAGES) break;
      const classKey = `${pathOf(here)}|${t.key.split('|')[0]}`;
      const count = tappedOn.get(classKey) ?? 0;
      const tapKey = `${pathOf(here)}|${t.key}`;
      if (tappedOn.has(tapKey) || count >= MAX_SAME_CLASS) continue;
      tappedOn.set(tapKey, 1);
      tappedOn.set(classKey, count + 1);
      if (routeOf(page) !== here && !(await replay(way))) break;
      if (!(await tapOn(page, t))) continue;
      const opened = await afterTap(page, here);
      if (opened === null) {
        if (await layerOpen(page)) await replay(way);
        continue;
      }
      note(opened);
      const error = await errorOnPage(page);
      if (error) errors.push(`${persona}: ${pathOf(here)} → 「${t.text}」 → ${opened}: ${error}`);
      if (!seenPaths.has(pathOf(opened)) && !error) {
        seenPaths.add(pathOf(opened));
        if (way.length + 1 < MAX_DEPTH || t.tab) queue.push([...way, { target: t, route: opened }]);
      }
      await page.goBack();
      await afterTap(page, opened);
    }
  }
  await page.context().close();
}

describe('every page is reached by taps from 首页, by the people it is for', () => {
  test.each(PERSONAS)('%s walks the app by taps without meeting an error', async (persona) => {
    await walk(persona);
    expect(errors.filter((e) => e.startsWith(`${persona}:`))).toEqual([]);
  });

  test('every page of app.config is reached by someone (or is opened from outside the app)', () => {
    const report = allPages().map((p) => `${p}: ${[...(reachedBy.get(p) ?? [])].join(', ') || FROM_OUTSIDE[p] || '—'}`);
    console.info(`reached by:\n${report.join('\n')}`);
    const unreached = allPages().filter((p) => !reachedBy.has(p) && !FROM_OUTSIDE[p]);
    expect(unreached).toEqual([]);
  });
});
