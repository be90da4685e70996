import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { PERSONA } from '../../emulator/seed/ids';
import { closeBrowser, openAs, openByTaps, SETTLED_PAGE, shot, waitForPage } from './helpers';

/**
 * 承诺践诺 as its people live it, in the H5 build against the local cloud: the member pledges → the secretary
 * approves → the village wall shows it → the member records a fulfilment with a photo and completes it → a
 * resident says 满意 → the secretary appraises it. Screenshots in tests/artifacts/pledge-*.png.
 */
afterAll(closeBrowser);

/** The page on screen: the newest settled one (the page navigated from stays in the DOM for a while). */
const current = (page: Page) => page.locator(SETTLED_PAGE).last();

/** Waits until the page of `route` (e.g. '/packages/pledge/edit') has settled and painted. */
async function arrive(page: Page, route: string) {
  await page.waitForURL(new RegExp(route.replace(/\//g, '\\/')));
  await page.waitForSelector(`${SETTLED_PAGE}[id^="${route}"]`, { state: 'visible' });
  await waitForPage(page);
}
const CONTENT = `为第一组独居老人每月打扫卫生（${Date.now().toString(36)}）`;
let pledgeId = '';

/** Taps what shows `text`: a button as a whole (its label does not take taps itself), else the text. */
async function tap(page: Page, text: string) {
  const button = current(page)
    .locator('taro-button-core')
    .filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) });
  if ((await button.count()) > 0) await button.first().click();
  else await current(page).getByText(text, { exact: true }).first().click();
}

/** The card of this run's pledge on the current page. */
const card = (page: Page) => current(page).locator('.pl-card', { hasText: CONTENT });

/** The pledge opened from the subscribe message its news sends (审核结果, 践诺, 评议): from outside the app. */
async function openDetailAs(openid: string): Promise<Page> {
  const page = await openAs(openid, `/packages/pledge/detail?id=${pledgeId}`);
  await waitForPage(page);
  await current(page).getByText(CONTENT).waitFor();
  return page;
}

/** A 96×96 PNG of the party red, written to a temp file, to pick as the fulfilment photo. */
function photoFile(): string {
  const size = 96;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [200, 16, 46]).flat())]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-pledge-e2e-')), 'photo.png');
  fs.writeFileSync(file, png);
  return file;
}

describe('承诺践诺: from a pledge to its appraisal', () => {
  test('the member writes a pledge and submits it for review', async () => {
    const page = await openByTaps(PERSONA.member, ['承诺']);
    await current(page).getByText('我的承诺').waitFor();
    await current(page).locator('.pl-card').first().waitFor();
    await shot(page, 'pledge-1-my-pledges');

    await tap(page, '写新承诺');
    await arrive(page, '/packages/pledge/edit');
    await tap(page, '为民办实事');
    await current(page).locator('textarea').first().fill(CONTENT);
    await current(page).locator('input:not([type="hidden"])').first().fill('每月2次，共3户');
    await shot(page, 'pledge-2-new-pledge-form');
    await tap(page, '提交支部审核');

    await arrive(page, '/packages/pledge/detail');
    pledgeId = new URL(page.url().replace('#', '')).searchParams.get('id') ?? '';
    expect(pledgeId).not.toBe('');
    await current(page).getByText('待审核', { exact: true }).first().waitFor();
    await current(page).getByText('等待支部书记审核').waitFor();
    await shot(page, 'pledge-3-submitted');
    await page.context().close();
  });

  test('the secretary finds it waiting for review and approves it', async () => {
    const page = await openByTaps(PERSONA.secretary, ['承诺', '支部审核与评议']);
    await card(page).waitFor();
    await shot(page, 'pledge-4-review-queue');
    await card(page).click();
    await arrive(page, '/packages/pledge/detail');
    await tap(page, '审核通过（亮诺）');
    await current(page).getByText('已亮诺', { exact: true }).first().waitFor();
    await current(page).getByText('审核通过，亮诺').waitFor();
    await shot(page, 'pledge-5-approved');
    await page.context().close();
  });

  test('the village wall shows it to a resident', async () => {
    const page = await openByTaps(PERSONA.villager, ['承诺', '本村承诺墙']);
    await card(page).waitFor();
    await expect(card(page).getByText('已亮诺').isVisible()).resolves.toBe(true);
    await shot(page, 'pledge-6-wall');
    await page.context().close();
  });

  test('the member records a fulfilment with a photo and marks the pledge completed', async () => {
    const page = await openDetailAs(PERSONA.member);
    await tap(page, '记录践诺');
    await arrive(page, '/packages/pledge/fulfil');
    await current(page).locator('textarea').first().fill('为刘奶奶、李爷爷两户打扫了院子');
    await current(page).locator('input[type="number"]').fill('2');
    const chooser = page.waitForEvent('filechooser');
    await tap(page, '添加照片');
    await (await chooser).setFiles(photoFile());
    await current(page).locator('.pl-photo').first().waitFor();
    await shot(page, 'pledge-7-fulfilment-form');
    await tap(page, '保存践诺记录');

    await arrive(page, '/packages/pledge/detail');
    await current(page).locator('.pl-card__content', { hasText: '为刘奶奶、李爷爷两户打扫了院子' }).waitFor();
    const photo = current(page).locator('.pl-photo').first();
    await photo.waitFor();
    await page.waitForFunction(
      (el) => (el?.querySelector('img') as HTMLImageElement | null)?.naturalWidth === 96,
      await photo.elementHandle(),
    );
    await tap(page, '标记完成');
    await page.getByText('确定', { exact: true }).last().click();
    await current(page).getByText('已完成', { exact: true }).first().waitFor();
    await shot(page, 'pledge-8-completed');
    await page.context().close();
  });

  test('a resident of the village says 满意, once; only counts are shown', async () => {
    const page = await openByTaps(PERSONA.villager, ['承诺', '本村承诺墙']);
    await card(page).waitFor();
    await card(page)
      .locator('taro-button-core', { hasText: /^满意$/ })
      .click();
    await card(page).getByText('您已评价：满意').waitFor();
    await expect(card(page).getByText('满意 1 · 不满意 0').isVisible()).resolves.toBe(true);
    await shot(page, 'pledge-9-rated');
    await page.context().close();

    // Back on the wall another day: the vote given is shown, no buttons that would be refused.
    const again = await openByTaps(PERSONA.villager, ['承诺', '本村承诺墙']);
    await card(again).getByText('您已评价：满意').waitFor();
    await expect(
      card(again)
        .locator('taro-button-core', { hasText: /^满意$/ })
        .count(),
    ).resolves.toBe(0);
    await again.context().close();
  });

  test('the secretary appraises it; the member sees the grade', async () => {
    const page = await openDetailAs(PERSONA.secretary);
    await tap(page, '优秀');
    await current(page).locator('textarea').last().fill('按时完成，群众满意');
    await shot(page, 'pledge-10-appraise');
    await tap(page, '提交评议');
    await current(page).getByText('支部评议：优秀').waitFor();
    await page.context().close();

    const member = await openDetailAs(PERSONA.member);
    await current(member).getByText('已评议', { exact: true }).first().waitFor();
    await current(member).getByText('按时完成，群众满意').first().waitFor();
    await shot(member, 'pledge-11-appraised');
    await member.context().close();
  });
});
