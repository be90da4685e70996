import type { Page } from 'playwright-core';
import { PERSONA } from '../../emulator/seed/ids';
import { closeBrowser, openAs, SETTLED_PAGE, shot, waitForPage } from './helpers';

/** 首页 fits the person: each role sees its own blocks, and only those. Screenshots: tests/artifacts/home-*.png. */
afterAll(closeBrowser);

const BLOCKS = {
  villager: '有困难、有建议，找邻长',
  partyDay: '主题党日：一月一课一片一实践',
  head: '片组邻长：访一访、帮一帮',
  admin: '管理员',
};

const cases: Array<[string, string, Array<keyof typeof BLOCKS>]> = [
  ['villager', PERSONA.villager, ['villager']],
  ['member', PERSONA.member, ['villager', 'partyDay']],
  ['neighbour-head', PERSONA.neighbourHead, ['villager', 'head']],
  ['block-head', PERSONA.blockHead, ['villager', 'partyDay', 'head']],
  ['village-admin', PERSONA.villageAdmin, ['villager', 'partyDay', 'admin']],
];

async function blocksOn(page: Page): Promise<string[]> {
  return page.locator(SETTLED_PAGE).locator('.home-block__title').allInnerTexts();
}

describe('首页', () => {
  test.each(cases)('%s sees their blocks', async (name, persona, expected) => {
    const page = await openAs(persona);
    await waitForPage(page);
    await page.locator(SETTLED_PAGE).locator('.home-block').first().waitFor();
    expect((await blocksOn(page)).map((t) => t.trim())).toEqual(expected.map((b) => BLOCKS[b]));
    await shot(page, `home-${name}`);
    await page.context().close();
  });
});
