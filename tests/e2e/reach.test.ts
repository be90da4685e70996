import { BRANCH, PERSONA, PLACE } from '../../emulator/seed/ids';
import { baseUrl, closeBrowser, openAs, shot } from './helpers';
import { shotName, walk } from './walk';

/**
 * Every screen reached by taps (DESIGN §7): for each persona the walk starts on 首页 and taps every tappable element
 * breadth first (bounded, tests/e2e/walk.ts), noting each page it reaches, with a screenshot of each
 * (tests/artifacts/reach-<persona>-<page>.png). It fails when a page of app.config is reached by nobody (except the
 * pages only opened from outside the app, listed below with why), or when a page reached by a persona shows that
 * persona an error: an entry shown to someone who cannot use it. Writes are refused on the way, so tapping 保存 or
 * 注销 changes nothing.
 */
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

/** The pages of src/app.config.ts (Taro's build provides its defineAppConfig global; here it is the identity). */
function allPages(): string[] {
  (globalThis as { defineAppConfig?: unknown }).defineAppConfig = (config: unknown) => config;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../../src/app.config').default as {
    pages: string[];
    subPackages: Array<{ root: string; pages: string[] }>;
  };
  return [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map(
    (p) => `/${p}`,
  );
}

const reachedBy = new Map<string, string[]>();

/** A cloud call as 石洲村's secretary, straight to the gateway: what the month holds before anyone walks. */
async function asSecretary(fn: string, data: object): Promise<{ _id: string }> {
  const response = await fetch(`${baseUrl()}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': PERSONA.otherSecretary },
    body: JSON.stringify(data),
  });
  const answer = (await response.json()) as { ok: boolean; data: { _id: string } };
  expect(answer.ok).toBe(true);
  return answer.data;
}

// The demo town has no activity yet: a film session this month in 石洲村 (not 西草坪村, whose month the party-day
// journey counts), held, so the town admin's month view leads to its detail and record pages.
beforeAll(async () => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const activity = await asSecretary('activity', {
    action: 'plan',
    requestId: `reach-walk-${Date.now()}`,
    branchId: BRANCH.shizhou,
    kind: 'film',
    title: '观看《初心使命》',
    startAt: `${today}T09:00:00+08:00`,
    place: { placeId: PLACE.yeJiaCi },
    filmIds: ['film-chuxin-shiming'],
    experts: [],
    audience: { kind: 'branch' },
  });
  await asSecretary('activity', { action: 'openCheckin', id: activity._id });
  await asSecretary('activity', { action: 'openCheckin', id: activity._id, close: true });
});

describe('every page is reached by taps from 首页, by the people it is for', () => {
  test.each(PERSONAS)('%s walks the app by taps without meeting an error', async (persona) => {
    const page = await openAs(persona);
    const { reached, errors } = await walk(page, persona, {
      elder: false,
      onPage: async (p, route) => {
        await shot(p, `reach-${persona}-${shotName(route)}`);
      },
    });
    await page.context().close();
    for (const path of reached.keys()) reachedBy.set(path, [...(reachedBy.get(path) ?? []), persona]);
    console.info(`${persona} reached ${reached.size} pages:\n${[...reached.values()].join('\n')}`);
    expect(errors).toEqual([]);
  });

  test('every page of app.config is reached by someone (or is opened from outside the app)', () => {
    const report = allPages().map((p) => `${p}: ${reachedBy.get(p)?.join(', ') ?? FROM_OUTSIDE[p] ?? '—'}`);
    console.info(`reached by:\n${report.join('\n')}`);
    expect(allPages().filter((p) => !reachedBy.has(p) && !FROM_OUTSIDE[p])).toEqual([]);
  });
});
