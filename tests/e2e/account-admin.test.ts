import type { Page } from 'playwright-core';
import { PERSONA } from '../../emulator/seed/ids';
import { closeBrowser, openByTaps, SETTLED_PAGE, shot } from './helpers';

/**
 * A village admin at work: adds a unit to the tree, makes a villager a group head directly, and finds the change
 * in the role change log. Screenshots in tests/artifacts/account-admin-*.png.
 */
afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE);

test('a village admin adds a neighbourhood, grants a role directly and sees it logged', async () => {
  const page = await openByTaps(PERSONA.villageAdmin, ['组织与人员管理']);
  await current(page).getByText('西草坪村（村（社区））').waitFor();
  for (const name of ['第一片', '第一组']) {
    await current(page).getByText(name, { exact: true }).first().click();
    await current(page).locator('.hl-section__title', { hasText: name }).waitFor();
  }
  await current(page).locator('input').first().fill('三邻');
  await current(page).getByText('新建', { exact: true }).click();
  await current(page).getByText('已新建“三邻”').waitFor();
  await current(page).locator('.hl-row', { hasText: '三邻' }).waitFor();
  await shot(page, 'account-admin-tree');
  await page.context().close();

  const people = await openByTaps(PERSONA.villageAdmin, ['组织与人员管理', '人员与角色']);
  await current(people).locator('input').first().fill('何春花');
  await current(people).getByText('查找', { exact: true }).click();
  await current(people).locator('.hl-row', { hasText: '何春花' }).click();
  await current(people).getByText('授予角色', { exact: true }).click();
  // The role chips of the picker (the filter chips above carry the same words).
  await current(people).getByText('组长', { exact: true }).last().click();
  for (const name of ['第一片', '第二组']) {
    await current(people).getByText(name, { exact: true }).first().click();
    await current(people).getByText(`当前：${name}`, { exact: false }).waitFor();
  }
  await current(people).getByText('选择“第二组”').click();
  await current(people).getByText('已设为第二组的组长').waitFor();
  await shot(people, 'account-admin-granted');
  await people.context().close();

  const log = await openByTaps(PERSONA.villageAdmin, ['组织与人员管理', '角色变更记录']);
  await current(log).getByText('何春花 成为 第二组的组长', { exact: false }).waitFor();
  await current(log).getByText('管理员直接设置 · 经办：赵明', { exact: false }).first().waitFor();
  await shot(log, 'account-admin-log');
  await log.context().close();
});
