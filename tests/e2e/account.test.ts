import type { Page } from 'playwright-core';
import { PERSONA } from '../../emulator/seed/ids';
import { closeBrowser, openAs, openByTaps, SETTLED_PAGE, shot, tapThrough, waitForPage } from './helpers';

/**
 * The first minutes of a person with 红邻: a new villager agrees to the privacy guideline, chooses their home and
 * sees the villager's 首页; a town admin invites a neighbour head, who redeems the code and sees the head's 首页;
 * 长辈模式 enlarges the text. Screenshots in tests/artifacts/account-*.png.
 */
afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE);

async function tap(page: Page, text: string) {
  await current(page).getByText(text, { exact: true }).first().click();
}

/** Agrees to the privacy guideline on 首页 (the dialog every newcomer gets first). */
async function agreeOnHome(page: Page) {
  await waitForPage(page);
  await current(page).getByText('欢迎使用红邻').waitFor();
  await tap(page, '同意并继续');
  await current(page).getByText('欢迎使用红邻').waitFor({ state: 'detached' });
}

describe('a new villager', () => {
  test('agrees to the privacy guideline, chooses their home and sees the villager home', async () => {
    const page = await openAs('e2e-newcomer');
    await waitForPage(page);
    await current(page).getByText('在您同意之前，我们不会保存您的任何信息', { exact: false }).waitFor();
    await shot(page, 'account-privacy-dialog');
    await agreeOnHome(page);

    await tap(page, '选择您所在的村（社区）');
    await page.waitForURL(/packages\/account\/home-unit/);
    await waitForPage(page);
    for (const name of ['西草坪村', '第一片', '第一组', '一邻']) {
      await current(page).getByText(name, { exact: true }).first().click();
      await current(page).getByText(`就选“${name}”`).waitFor();
    }
    await shot(page, 'account-home-unit');
    await tap(page, '就选“一邻”');

    await page.waitForURL(/pages\/home\/index/);
    await waitForPage(page);
    await current(page).getByText('西草坪村 · 第一片 · 第一组 · 一邻').waitFor();
    await current(page).getByText('有困难、有建议，找邻长').waitFor();
    await current(page).getByText('我的诉求（未办结）').waitFor();
    expect(await current(page).getByText('党员：一月一课一片一实践').count()).toBe(0);
    expect(await current(page).getByText('片组邻长：访一访、帮一帮').count()).toBe(0);
    await shot(page, 'account-villager-home');
    await page.context().close();
  });
});

describe('an invitation', () => {
  test('a town admin invites a neighbour head; the head redeems it and sees the head home', async () => {
    const admin = await openByTaps(PERSONA.townAdmin, ['组织与人员管理', '邀请担任角色']);
    await tap(admin, '邻长');
    for (const name of ['西草坪村', '第一片', '第二组']) {
      await current(admin).getByText(name, { exact: true }).first().click();
      await current(admin).getByText(`当前：${name}`, { exact: false }).waitFor();
    }
    await current(admin).getByText('一邻', { exact: true }).first().click();
    await tap(admin, '选择“一邻”');
    await tap(admin, '生成邀请码');
    const codeText = current(admin).locator('#invite-code');
    await codeText.waitFor();
    const code = (await codeText.innerText()).trim();
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    await current(admin).locator('.hl-qr').waitFor();
    await admin.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.taro_page_show .hl-qr img');
      return !!img && img.complete && img.naturalWidth > 0;
    });
    await shot(admin, 'account-invite-created');
    await admin.context().close();

    const head = await openAs('e2e-new-head');
    await agreeOnHome(head);
    await tapThrough(head, ['我的', '输入邀请码']);
    await current(head).locator('input').fill(code.toLowerCase());
    await tap(head, '接受邀请');
    await current(head).getByText('您现在是一邻的邻长。').waitFor();
    await shot(head, 'account-invite-redeemed');
    await tap(head, '回到首页');
    await head.waitForURL(/pages\/home\/index/);
    await head.getByText('已接受邀请').waitFor({ state: 'hidden' });
    await waitForPage(head);
    await current(head).getByText('片组邻长：访一访、帮一帮').waitFor();
    await current(head).getByText('本单位待办诉求').waitFor();
    await current(head).locator('.home-preview').getByText('正在加载…').first().waitFor({ state: 'detached' });
    await shot(head, 'account-head-home');
    await head.context().close();
  });
});

describe('长辈模式', () => {
  test('enlarges the text of every page', async () => {
    const page = await openByTaps(PERSONA.villager, ['我的']);
    const label = current(page).getByText('隐私保护指引', { exact: true });
    await label.waitFor();
    const sizeOf = () => label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normal = await sizeOf();
    await shot(page, 'account-me-normal');
    await current(page).locator('.me-menu__switch').click();
    await page.waitForFunction(() => !!document.querySelector('.taro_page_show .hl-page--elder'));
    await waitForPage(page);
    const label2 = current(page).getByText('隐私保护指引', { exact: true });
    const larger = await label2.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(larger).toBeGreaterThanOrEqual(normal * 1.25);
    await shot(page, 'account-me-elder');
    // It stays on for the next page opened.
    await tapThrough(page, ['首页']);
    await current(page).locator('.hl-page--elder').first().waitFor();
    await shot(page, 'account-home-elder');
    await page.context().close();
  });
});
