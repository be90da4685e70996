import { PERSONA } from '../../emulator/seed/ids';
import { closeBrowser, openAs, shot } from './helpers';
import { pathOf, shotName, tappables, walk } from './walk';

/**
 * 长辈模式 to the MIIT 适老化 spec (DESIGN §5): with the mode turned on from the first-launch question, each persona
 * walks the app by taps (tests/e2e/walk.ts) and on every page reached every tappable element (buttons, chips, tabs,
 * list rows) is measured: at least 60 px high, its text at least 18 px. Screenshots of each page in elder mode:
 * tests/artifacts/elder-<persona>-<page>.png (the standard ones are reach-*.png).
 */
afterAll(closeBrowser);

const MIN_HEIGHT = 60;
const MIN_TEXT = 18;

const PERSONAS = [PERSONA.villager, PERSONA.neighbourHead, PERSONA.member, PERSONA.secretary, PERSONA.villageAdmin];

test.each(PERSONAS)(
  '%s: every tappable element is at least 60 px high with text of at least 18 px',
  async (persona) => {
    const page = await openAs(persona);
    const small: string[] = [];
    const { reached } = await walk(page, persona, {
      elder: true,
      onPage: async (p, route) => {
        await shot(p, `elder-${persona}-${shotName(route)}`);
        for (const t of await tappables(p)) {
          // Rounding of rem sizes can leave a box a fraction under its declared size.
          const tooLow = t.height < MIN_HEIGHT - 0.5;
          const tooSmall = t.text !== '' && t.fontSize < MIN_TEXT - 0.05;
          if (tooLow || tooSmall) {
            small.push(`${pathOf(route)} 「${t.text || t.key}」 ${t.height.toFixed(1)}px high, text ${t.fontSize}px`);
          }
        }
      },
    });
    await page.context().close();
    console.info(`${persona}: measured ${reached.size} pages in 长辈模式`);
    expect([...new Set(small)]).toEqual([]);
  },
);
