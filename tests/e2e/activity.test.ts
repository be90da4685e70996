import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { closeBrowser, openAs, SETTLED_PAGE, shot, waitForPage } from './helpers';

/**
 * 一月一课一片一实践 in the browser, by taps only from 首页: the secretary plans a film session at 张经武故居 and opens
 * check-in, two members check in from their own 首页 with the 6-digit code, one member is marked 请假 with a reason
 * that shows on the roster, the secretary records the summary with a photo, and the month view shows it held.
 */
afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE);

async function tap(page: Page, text: string | RegExp) {
  await current(page)
    .getByText(text, { exact: typeof text === 'string' })
    .first()
    .click();
}

async function readCode(page: Page): Promise<string> {
  const code = current(page).locator('[data-testid="checkin-code"]');
  await code.filter({ hasText: /^\d{6}$/ }).waitFor();
  return (await code.textContent())?.trim() ?? '';
}

/** From 首页 to the party-day home (本月主题党日), by taps. */
async function openPartyDay(persona: string): Promise<Page> {
  const page = await openAs(persona);
  await waitForPage(page);
  await tap(page, '本月主题党日');
  await page.waitForURL(/packages\/activity\/index/);
  await waitForPage(page, '/packages/activity/index');
  return page;
}

/** On the party-day home, the month's activity row by its title, tapped open. */
async function openActivity(page: Page, title: string) {
  await tap(page, `【微视频】${title}`);
  await page.waitForURL(/packages\/activity\/detail\?id=/);
  await waitForPage(page, '/packages/activity/detail');
}

async function checkInAs(persona: string, secretaryPage: Page) {
  const page = await openPartyDay(persona);
  await openActivity(page, '观看《榜样》');
  await current(page).getByText('现场签到').waitFor();
  await current(page)
    .locator('input')
    .fill(await readCode(secretaryPage));
  await tap(page, '签到');
  await current(page).getByText('您已签到').waitFor();
  await current(page).getByText('登记方式：签到码签到').waitFor();
  await shot(page, `activity-3-checked-in-${persona}`);
  await page.context().close();
}

test('a film session at 张经武故居 from plan to the month view', async () => {
  const [, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).split('-');
  const dayOfToday = `${Number(m)}月${Number(d)}日`;
  const secretary = await openPartyDay('demo-secretary');
  await tap(secretary, '安排活动');
  await secretary.waitForURL(/packages\/activity\/plan\?branchId=/);
  await waitForPage(secretary, '/packages/activity/plan');
  await current(secretary).getByText('张经武故居').waitFor();
  await tap(secretary, '微视频');
  await current(secretary).locator('input').nth(0).fill('观看《榜样》');
  // Day and time come from pickers, never typed: today (the picker's first day) at the preset 19:30.
  await expect(current(secretary).locator('.act-input', { hasText: '（周' }).textContent()).resolves.toContain(
    dayOfToday,
  );
  await current(secretary).getByText('19:30', { exact: true }).waitFor();
  await tap(secretary, '张经武故居');
  await tap(secretary, '《榜样》');
  await shot(secretary, 'activity-1-plan');
  await tap(secretary, '保存计划');
  await secretary.waitForURL(/packages\/activity\/detail\?id=/);
  await waitForPage(secretary);
  const activityId = new URL(secretary.url().replace('#', '')).searchParams.get('id') ?? '';
  expect(activityId).toMatch(/^a[0-9a-f]{15}$/);
  await current(secretary).getByText('地点：张经武故居').waitFor();

  await tap(secretary, '开始签到');
  await current(secretary).getByText('请党员扫码签到').waitFor();
  await current(secretary).locator('img[src^="data:image/png;base64,"]').waitFor();
  await readCode(secretary);
  await shot(secretary, 'activity-2-checkin-screen');

  await checkInAs('demo-member', secretary);
  await checkInAs('demo-member-2', secretary);

  // Back to the party-day home and into the activity again: the roster now holds both check-ins.
  await secretary.goBack();
  await waitForPage(secretary, '/packages/activity/index');
  await openActivity(secretary, '观看《榜样》');
  const absentee = current(secretary).locator('[data-testid="roster-唐美玲"]');
  await absentee.waitFor();
  await current(secretary).locator('input[placeholder="例如：外出务工"]').fill('外出务工');
  await absentee.getByText('请假').click();
  await absentee.locator('.act-tag', { hasText: '请假：外出务工' }).waitFor();
  await current(secretary).getByText('参加 2 人 · 请假 1 人 · 送学上门 0 人').waitFor();
  await absentee.scrollIntoViewIfNeeded();
  await shot(secretary, 'activity-4-attendees');

  await tap(secretary, '结束签到');
  await tap(secretary, '填写活动记录');
  await secretary.waitForURL(/packages\/activity\/record/);
  await waitForPage(secretary);
  await current(secretary).locator('textarea').fill('组织党员在张经武故居观看《榜样》，大家纷纷表示要以榜样为镜。');
  const chooser = secretary.waitForEvent('filechooser');
  await tap(secretary, '添加照片');
  // Any real picture will do: a QR code rendered to PNG.
  const photo = await QRCode.toBuffer('西草坪村党支部主题党日', { type: 'png', width: 240 });
  await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: photo });
  await current(secretary)
    .locator('.act-photo img')
    .first()
    .evaluate((img: HTMLImageElement) =>
      img.complete && img.naturalWidth > 0 ? true : new Promise((resolve) => (img.onload = resolve)),
    );
  await expect(
    current(secretary)
      .locator('.act-photo img')
      .first()
      .evaluate((img: HTMLImageElement) => img.naturalWidth),
  ).resolves.toBeGreaterThan(0);
  await shot(secretary, 'activity-5-record');
  await tap(secretary, '保存活动记录');
  await secretary.waitForURL(/packages\/activity\/detail/);
  await waitForPage(secretary);
  await current(secretary).getByText('已记录').first().waitFor();
  await secretary.goBack();
  await waitForPage(secretary, '/packages/activity/index');
  await tap(secretary, '本支部月度情况');
  await secretary.waitForURL(/packages\/activity\/month/);
  await waitForPage(secretary, '/packages/activity/month');
  const month = secretary;
  const totals = current(month).locator('[data-testid="month-totals"]');
  await totals.waitFor();
  await expect(totals.textContent()).resolves.toContain('微视频 1 场');
  await current(month).getByText('观看《榜样》 · 已记录 · 2人参加').waitFor();
  await current(month).getByText('参与 2 人次').first().waitFor();
  await shot(month, 'activity-6-month');
  await month.context().close();
});

test('a member sees this month with what they attended, the film library and a private film log', async () => {
  const home = await openPartyDay('demo-member');
  await current(home)
    .getByText(/本月活动/)
    .waitFor();
  await current(home).getByText('已参加').first().waitFor();
  await current(home).getByText('【微党课】本月尚未安排').waitFor();
  await shot(home, 'activity-7-member-month');
  await tap(home, '微视频片库');
  await home.waitForURL(/packages\/activity\/films/);
  await waitForPage(home);
  // The library's kind chips: the month page has gone.
  await current(home).getByText('警示教育', { exact: true }).first().waitFor();
  const film = current(home).locator('.act-card', { hasText: '《榜样》' });
  await film.waitFor();
  await expect(film.textContent()).resolves.toContain('学习强国');
  // Only town admins manage the library.
  await expect(
    current(home)
      .getByText(/添加影片|修改或移除/)
      .count(),
  ).resolves.toBe(0);
  await film.getByText('我看过了（记到我的观影记录）').click();
  await current(home).getByText('已记下：看过《榜样》（仅自己可见）').waitFor();
  await shot(home, 'activity-8-films');
  await home.goBack();
  await home.waitForURL(/packages\/activity\/index/);
  await waitForPage(home);
  await tap(home, '我的观影记录（仅自己可见）');
  await home.waitForURL(/packages\/activity\/filmlog/);
  await waitForPage(home);
  await current(home).getByText('《榜样》').waitFor();
  await current(home).getByText('这些记录只有您自己能看到，不计时长，不排名。').waitFor();
  await expect(
    current(home)
      .getByText(/分钟|排名第/)
      .count(),
  ).resolves.toBe(0);
  await shot(home, 'activity-9-filmlog');
  await home.context().close();
});

test('a town admin adds a film to the library, and can take it out again', async () => {
  const admin = await openPartyDay('demo-town-admin');
  await tap(admin, '微视频片库');
  await admin.waitForURL(/packages\/activity\/films/);
  await waitForPage(admin, '/packages/activity/films');
  await current(admin).getByText('《榜样》').waitFor();
  await tap(admin, '添加影片');
  await admin.waitForURL(/packages\/activity\/filmedit/);
  await waitForPage(admin);
  const inputs = current(admin).locator('input');
  await inputs.nth(0).fill('党史故事100讲');
  await inputs.nth(1).fill('党史故事');
  await tap(admin, '党史');
  await inputs.nth(2).fill('20');
  await inputs.nth(3).fill('学习强国');
  await inputs.nth(4).fill('https://www.xuexi.cn/');
  await current(admin).locator('textarea').fill('用小故事讲百年党史，适合在党员活动室集中观看。');
  await shot(admin, 'activity-10-film-add');
  await tap(admin, '添加到片库');
  await admin.waitForURL(/packages\/activity\/films/);
  await waitForPage(admin);
  const added = current(admin).locator('.act-card', { hasText: '《党史故事100讲》' });
  await added.waitFor();
  await expect(added.textContent()).resolves.toContain('党史故事 · 片长约20分钟');
  await expect(added.textContent()).resolves.toContain('观看途径：学习强国（点此复制链接）');
  await shot(admin, 'activity-11-film-in-library');

  await added.getByText('修改或移除').click();
  await admin.waitForURL(/packages\/activity\/filmedit\?id=/);
  await waitForPage(admin);
  await expect(current(admin).locator('input').nth(0).inputValue()).resolves.toBe('党史故事100讲');
  await tap(admin, '从片库移除');
  await tap(admin, '确定从片库移除《党史故事100讲》');
  await admin.waitForURL(/packages\/activity\/films/);
  await waitForPage(admin);
  await current(admin).getByText('《榜样》').waitFor();
  await expect(current(admin).getByText('《党史故事100讲》').count()).resolves.toBe(0);
  await admin.context().close();
});
