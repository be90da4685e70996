import path from 'node:path';
import type { Page } from 'playwright-core';
import { PERSONA, UNIT } from '../../emulator/seed/ids';
import { baseUrl, closeBrowser, openAs, openByTaps, SETTLED_PAGE, shot, waitForPage } from './helpers';

/**
 * 民生诉求 in the browser, as each person does it: a villager submits with a photo, the neighbour head accepts
 * and passes it up, the group head resolves, the villager is not satisfied, it is handled again and then rated
 * 满意. The screenshots are kept in tests/artifacts/request-*.png.
 */
const PHOTO = path.resolve(__dirname, '..', '..', 'src', 'assets', 'tab', 'requests-active.png');

afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE);

/** Taps a button (NutUI) or a chip by its exact words. */
async function tap(page: Page, text: string) {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const button = current(page).locator('.nut-button', { hasText: exact });
  if ((await button.count()) > 0) await button.first().click();
  else await current(page).getByText(text, { exact: true }).first().click();
}

/** The request opened from the subscribe message each step sends (新诉求, 已办结 …): from outside the app. */
async function openDetail(persona: string, id: string): Promise<Page> {
  const page = await openAs(persona, `/packages/request/detail?id=${id}`);
  await waitForPage(page);
  await current(page).getByText('办理经过').waitFor();
  return page;
}

async function expectState(page: Page, label: string) {
  await current(page).locator('.rq-state', { hasText: label }).first().waitFor();
}

/** Opens a panel by its button, writes into its text box and confirms. */
async function writeAndConfirm(page: Page, button: string, text: string, confirm = '确定') {
  await tap(page, button);
  await current(page).locator('textarea').last().fill(text);
  await tap(page, confirm);
}

test('a villager’s request goes up the ladder, is resolved, reopened on 不满意, resolved again and closed on 满意', async () => {
  // The villager writes it in under a minute: a category, a few words, a photo.
  const villager = await openByTaps(PERSONA.villager, ['提交诉求']);
  await tap(villager, '求助');
  await current(villager).locator('textarea').fill('村委会门口的自来水管冻裂了，一直在漏水');
  const chooser = villager.waitForEvent('filechooser');
  await tap(villager, '＋ 拍照');
  await (await chooser).setFiles(PHOTO);
  await current(villager).locator('.rq-photo').first().waitFor();
  await shot(villager, 'request-1-villager-form');
  await tap(villager, '提交');
  await villager.waitForFunction(() => location.hash.includes('/packages/request/detail?id='));
  await waitForPage(villager);
  await expectState(villager, '待签收');
  const id = new URL(villager.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(id).not.toBe('');
  expect(await current(villager).locator('.rq-photo').count()).toBe(1);
  await shot(villager, 'request-2-villager-submitted');
  await villager.context().close();

  // The neighbour head accepts it and passes it up to the group with a reason.
  const neighbourHead = await openDetail(PERSONA.neighbourHead, id);
  await tap(neighbourHead, '签收');
  await expectState(neighbourHead, '已签收');
  await writeAndConfirm(neighbourHead, '上报上一级', '水管是组里统一铺的，需要组里找人修');
  await expectState(neighbourHead, '待签收');
  await current(neighbourHead)
    .getByText(/现由：第一组/)
    .waitFor();
  await shot(neighbourHead, 'request-3-neighbour-head-passed-up');
  await neighbourHead.context().close();

  // The group head accepts and resolves it.
  const groupHead = await openDetail(PERSONA.groupHead, id);
  await tap(groupHead, '签收');
  await expectState(groupHead, '已签收');
  await writeAndConfirm(groupHead, '办结', '已请水电师傅换了一段新水管');
  await expectState(groupHead, '已办结，待评价');
  await shot(groupHead, 'request-4-group-head-resolved');
  await groupHead.context().close();

  // The villager is not satisfied: it reopens with the same handler.
  let resident = await openDetail(PERSONA.villager, id);
  await tap(resident, '评价');
  await tap(resident, '不满意');
  await current(resident).locator('textarea').last().fill('第二天接口处又开始滴水');
  await tap(resident, '提交评价');
  await expectState(resident, '办理中');
  await current(resident)
    .getByText(/群众不满意，重新办理/)
    .waitFor();
  await shot(resident, 'request-5-villager-unsatisfied');
  await resident.context().close();

  // Resolved again by the group head.
  const again = await openDetail(PERSONA.groupHead, id);
  await writeAndConfirm(again, '办结', '换了整套接头，试水一天不漏了');
  await expectState(again, '已办结，待评价');
  await again.context().close();

  // 满意 closes it; the whole history is there.
  resident = await openDetail(PERSONA.villager, id);
  await tap(resident, '评价');
  await tap(resident, '满意');
  await tap(resident, '提交评价');
  await expectState(resident, '已完成');
  const history = await current(resident).locator('.rq-timeline__what').allTextContents();
  expect(history).toEqual([
    expect.stringContaining('提交了诉求'),
    expect.stringContaining('签收了'),
    expect.stringContaining('上报到上一级：水管是组里统一铺的'),
    expect.stringContaining('组长 刘长生 签收了'),
    expect.stringContaining('办结了'),
    expect.stringContaining('群众不满意，重新办理'),
    expect.stringContaining('办结了'),
    expect.stringContaining('评价后完成'),
  ]);
  await shot(resident, 'request-6-villager-satisfied');

  // It is in the villager's own list on the 诉求 tab, closed.
  await resident.context().close();
  const tab = await openByTaps(PERSONA.villager, ['诉求']);
  await current(tab).locator('.rq-card', { hasText: '村委会门口的自来水管冻裂了' }).getByText('已完成').waitFor();
  await shot(tab, 'request-7-villager-my-requests');
  await tab.context().close();
});

/** 一邻's households as the village keeps them (what its import of the household list leaves), added as its admin. */
async function villageHousehold(headName: string, address: string): Promise<void> {
  const response = await fetch(`${baseUrl()}/api/org`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': PERSONA.villageAdmin },
    body: JSON.stringify({
      action: 'saveHousehold',
      requestId: `e2e-household-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      unitId: UNIT.xcpNeighbourhood1,
      headName,
      address,
    }),
  });
  const answer = (await response.json()) as { ok: boolean };
  if (!answer.ok) throw new Error(`the village admin could not add ${headName}: ${JSON.stringify(answer)}`);
}

/** The head's own unit on the coverage page: households visited and households, from “本单位已走访 x/y 户”. */
async function ownCoverage(page: Page): Promise<{ visited: number; households: number }> {
  const total = current(page).locator('.rq-coverage-total');
  await total.waitFor();
  const [, visited, households] = /已走访 (\d+)\/(\d+) 户/.exec((await total.textContent()) ?? '') ?? [];
  return { visited: Number(visited), households: Number(households) };
}

const notVisitedRow = (page: Page, name: string) => current(page).locator('.rq-not-visited .rq-row', { hasText: name });

test('a head picks a household to log a visit (two problems become requests), adds one missing from the list, and sees coverage and who is left change', async () => {
  await villageHousehold('何春花', '5号');
  await villageHousehold('段大勇', '8号');

  const before = await openByTaps(PERSONA.neighbourHead, ['本月走访情况']);
  const start = await ownCoverage(before);
  await notVisitedRow(before, '何春花').waitFor();
  await notVisitedRow(before, '段大勇').waitFor();
  await shot(before, 'visit-0-coverage-before');
  await before.context().close();

  const head = await openByTaps(PERSONA.neighbourHead, ['记录本月走访']);
  await notVisitedRow(head, '何春花').waitFor();
  // Found by house number in the picker: no typing of who was visited.
  await current(head).locator('input[placeholder="输入户主姓名或门牌号查找"]').fill('5号');
  await current(head).locator('.rq-row', { hasText: '何春花 · 5号 · 一邻' }).getByText('选这户').click();
  await current(head).locator('.rq-row', { hasText: '换一户' }).waitFor();
  await current(head).locator('textarea').first().fill('聊了家里的茶园和老人看病的事');
  await tap(head, '＋ 添加问题');
  await tap(head, '＋ 添加问题');
  const boxes = current(head).locator('textarea');
  await boxes.nth(1).fill('茶园边的机耕道塌了一段，车进不去');
  await boxes.nth(2).fill('想问问老人慢性病医保怎么报销');
  await current(head).locator('.rq-chips').nth(1).getByText('咨询', { exact: true }).click();
  await shot(head, 'visit-1-form');
  await tap(head, '保存走访');
  await current(head).getByText('已记录，反映的2个问题已转为诉求，等待签收办理').waitFor();
  await current(head).locator('.rq-card', { hasText: '茶园边的机耕道塌了一段' }).waitFor();
  await notVisitedRow(head, '何春花').waitFor({ state: 'detached' });
  await notVisitedRow(head, '段大勇').waitFor();
  await shot(head, 'visit-2-logged');

  // A household the village's list does not have yet: added from the form, in the head's 邻, and visited.
  await tap(head, '名单里没有？添加新户');
  const adding = current(head).locator('.rq-card', { hasText: '添加新户' }).last();
  await adding.locator('input').nth(0).fill('甘秋菊');
  await adding.locator('input').nth(1).fill('27号');
  await shot(head, 'visit-3-new-household');
  await tap(head, '添加并选这户');
  await current(head).locator('.rq-row', { hasText: '甘秋菊 · 27号 · 一邻' }).waitFor();
  await current(head).locator('textarea').first().fill('新搬来的一户，了解了家里情况');
  await tap(head, '保存走访');
  await current(head).getByText('已记录对“甘秋菊”户的走访').waitFor();
  await head.context().close();

  const work = await openByTaps(PERSONA.neighbourHead, ['处理诉求']);
  await current(work).getByText('茶园边的机耕道塌了一段，车进不去').waitFor();
  await current(work).getByText('想问问老人慢性病医保怎么报销').waitFor();
  await shot(work, 'visit-4-waiting-list');
  await work.context().close();

  const after = await openByTaps(PERSONA.neighbourHead, ['本月走访情况']);
  await notVisitedRow(after, '段大勇').waitFor();
  const end = await ownCoverage(after);
  // Two households more visited (何春花, and 甘秋菊 who is also one more household of the unit).
  expect(end.visited).toBe(start.visited + 2);
  expect(end.households).toBeGreaterThanOrEqual(start.households + 1);
  await expect(notVisitedRow(after, '何春花').count()).resolves.toBe(0);
  await expect(notVisitedRow(after, '甘秋菊').count()).resolves.toBe(0);
  await shot(after, 'visit-5-coverage-after');
  await after.context().close();
});

test('a group head reports a resident’s problem; the name and phone are shown to the handlers', async () => {
  const head = await openByTaps(PERSONA.groupHead, ['诉求', '代居民反映']);
  await current(head).getByText('一邻', { exact: true }).click();
  const inputs = current(head).locator('input');
  await inputs.nth(0).fill('刘桂英');
  await inputs.nth(1).fill('13812345678');
  await tap(head, '投诉');
  await current(head).locator('textarea').fill('隔壁养猪场的污水流到了水渠里');
  await shot(head, 'request-report-1-form');
  await tap(head, '提交');
  await head.waitForFunction(() => location.hash.includes('/packages/request/detail?id='));
  await waitForPage(head);
  await current(head)
    .getByText(/反映人：刘桂英 · 电话 13812345678（由干部代为反映）/)
    .waitFor();
  await shot(head, 'request-report-2-detail');
  await head.context().close();
});

test('the village and the town see visit coverage per head, as a list by unit', async () => {
  const town = await openByTaps(PERSONA.townAdmin, ['诉求', '走访覆盖情况']);
  await current(town).getByText('西草坪村', { exact: true }).click();
  const row = current(town).locator('.rq-row', { hasText: '邻长 张桂兰' });
  await row.waitFor();
  await expect(row.textContent()).resolves.toMatch(/已走访 \d+\/\d+ 户/);
  await shot(town, 'visit-4-coverage-town');
  await town.context().close();
});

test('a neighbour head sees the visit coverage of their own unit straight from 首页', async () => {
  const head = await openByTaps(PERSONA.neighbourHead, ['本月走访情况']);
  const row = current(head).locator('.rq-row', { hasText: '邻长' });
  await row.first().waitFor();
  await expect(row.first().textContent()).resolves.toMatch(/已走访 \d+\/\d+ 户/);
  await expect(current(head).locator('.hl-state--error').count()).resolves.toBe(0);
  // Only their own unit: no village to pick, no other unit's heads.
  await expect(
    current(head)
      .locator('.rq-row', { hasText: /组长|片长/ })
      .count(),
  ).resolves.toBe(0);
  await shot(head, 'visit-6-coverage-head');
  await head.context().close();
});
