import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { PERSONA, UNIT } from '../../emulator/seed/ids';
import { baseUrl, closeBrowser, openAs, openByTaps, SETTLED_PAGE, shot, waitForPage } from './helpers';

/**
 * A village onboarded from its rosters, by taps: the village admin downloads the 党员花名册 template, uploads a filled
 * file with two row errors, sees both by row, uploads the corrected file, confirms and prints the invitation sheet
 * (a PDF, opened in Chromium's viewer), whose slip 罗大成 redeems; the branch secretary reads the
 * join code; a newcomer on the roster links with the code, their name and the last four digits of their phone, and
 * sees 党员 in 我的. Screenshots in tests/artifacts/roster-*.png.
 */
afterAll(closeBrowser);

const current = (page: Page) => page.locator(SETTLED_PAGE);

async function tap(page: Page, text: string) {
  await current(page).getByText(text, { exact: true }).first().click();
}

/** Taps a menu or button text and waits for the page it opens. */
async function tapTo(page: Page, text: string, route: string) {
  await tap(page, text);
  await waitForPage(page, route);
}

const NEWCOMER = 'e2e-roster-newcomer';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'roster-e2e-'));

/** Writes the rows under the template's own header row, as an admin fills the downloaded template in Excel. */
async function filledFile(name: string, header: string[], rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('党员花名册');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const file = path.join(tmp, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** Taps 选择… and gives the file to the file chooser that opens, as a person picks it on their computer. */
async function chooseFile(page: Page, buttonText: string, file: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), tap(page, buttonText)]);
  await chooser.setFiles(file);
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The texts a PDF shows (its content streams' UCS-2 strings, as the roster sheet writes them). */
function pdfText(pdf: Buffer): string[] {
  const shown: string[] = [];
  for (const match of pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
    } catch {
      continue; // an image
    }
    for (const hex of content.matchAll(/<([0-9a-f]+)> Tj/g)) {
      shown.push(String.fromCharCode(...(hex[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))));
    }
  }
  return shown;
}

/**
 * Waits until Chromium's PDF viewer (a plugin, out of the page's DOM) has drawn the sheet: a screenshot of the
 * empty grey viewer is a few KB of PNG, one showing the codes' modules well over 60 KB.
 */
async function untilDrawn(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  while ((await page.screenshot()).length < 60_000) await new Promise((resolve) => setTimeout(resolve, 250));
}

const GOOD = [
  ['欧阳兰', '13911112345', '西草坪村党支部', '第一片/第一组/一邻', '2005-07-01'],
  ['贺建军', '13911112346', '西草坪村党支部', '第一片/第一组/二邻', ''],
];
const FIXED = [
  ['罗大成', '13911112347', '西草坪村党支部', '第一片/第一组/一邻', ''],
  ['雷小明', '13911112348', '西草坪村党支部', '', ''],
];

test('a village admin imports the 党员花名册 and a member on it links with the join code', async () => {
  // The village admin: 我的 → 组织与人员管理 → 名册导入.
  const admin = await openAs(PERSONA.villageAdmin, '/pages/me/index');
  await waitForPage(admin);
  await tapTo(admin, '组织与人员管理', '/packages/admin/index');
  await tapTo(admin, '名册导入（党员、农户、片组邻长）', '/packages/admin/roster');
  await current(admin).getByText('导入党员花名册').waitFor();

  // 下载模板 opens the file's address; the file is the template Excel opens, its first row the headers.
  const templateRequest = admin.context().waitForEvent('request', (r) => r.url().includes('sign='));
  await tap(admin, '下载模板');
  const templateUrl = (await templateRequest).url();
  const template = await admin.request.get(templateUrl);
  expect(template.ok()).toBe(true);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await template.body()) as unknown as ArrayBuffer);
  const header = (book.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
  expect(header.slice(0, 3)).toEqual(['姓名', '手机号', '所在党支部']);
  for (const popup of admin.context().pages()) if (popup !== admin) await popup.close();

  // A filled file with two row errors: a phone too short (row 4) and a branch that does not exist (row 5).
  const withErrors = await filledFile('members-with-errors.xlsx', header, [
    ...GOOD,
    ['罗大成', '1391111', '西草坪村党支部', '第一片/第一组/一邻', ''],
    ['雷小明', '13911112348', '东风村党支部', '', ''],
  ]);
  await chooseFile(admin, '选择填好的文件', withErrors);
  await current(admin).getByText('members-with-errors.xlsx：共4行').waitFor();
  await current(admin).getByText('第4行：', { exact: false }).waitFor();
  await current(admin).getByText('第5行：', { exact: false }).waitFor();
  await expect(
    current(admin)
      .getByText(/^第\d+行：/)
      .count(),
  ).resolves.toBe(2);
  await current(admin).getByText('2行有问题，不会导入', { exact: false }).waitFor();
  await current(admin).getByText('新增 2').waitFor();
  await shot(admin, 'roster-preview-errors');

  // The corrected file: every row passes; 确认导入 writes them all.
  const corrected = await filledFile('members.xlsx', header, [...GOOD, ...FIXED]);
  await chooseFile(admin, '改好后重新选择文件', corrected);
  await current(admin).getByText('members.xlsx：共4行').waitFor();
  await current(admin).getByText('每一行都检查通过。').waitFor();
  await current(admin).getByText('新增 4').waitFor();
  await shot(admin, 'roster-preview-clean');
  await tap(admin, '确认导入4行');
  await current(admin).getByText('导入完成：共写入4行。').waitFor();
  await shot(admin, 'roster-imported');

  // 打印邀请码: the branch's invitation sheet opens as a PDF, a code beside each name of the four new members.
  const opened = admin.context().waitForEvent('page');
  await tap(admin, '打印邀请码');
  await current(admin).getByText('已生成：西草坪村党支部邀请码.pdf（点此打开）').waitFor();
  await shot(admin, 'roster-sheet-made');
  const sheet = await opened;
  const pdf = await admin.request.get(sheet.url());
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const shown = pdfText(await pdf.body());
  expect(shown).toEqual(
    expect.arrayContaining(['微信扫码，确认本人信息后即可加入', '欧阳兰', '贺建军', '罗大成', '雷小明']),
  );
  await sheet.setViewportSize({ width: 900, height: 1200 });
  await untilDrawn(sheet);
  await shot(sheet, 'roster-invitation-sheet');
  await admin.context().close();

  // 罗大成 gets his slip at the branch meeting: 我的 → 输入邀请码 (scanning the code opens the same page with it).
  const slipCode = shown.slice(shown.indexOf('罗大成')).find((t) => /^[2-9A-HJ-NP-Z]{8}$/.test(t)) ?? '';
  const luo = await openAs('e2e-roster-luo', '/pages/me/index');
  await waitForPage(luo);
  await current(luo).getByText('欢迎使用红邻').waitFor();
  await tap(luo, '同意并继续');
  await current(luo).getByText('欢迎使用红邻').waitFor({ state: 'detached' });
  await tapTo(luo, '输入邀请码', '/packages/account/redeem');
  await current(luo).locator('input').first().fill(slipCode);
  await tap(luo, '接受邀请');
  await current(luo).getByText('罗大成，您现在是西草坪村党支部的党员。').waitFor();
  await shot(luo, 'roster-sheet-redeemed');
  await luo.context().close();

  // The branch secretary: 我的 → 本支部入支部码, read out at the meeting.
  const secretary = await openAs(PERSONA.secretary, '/pages/me/index');
  await waitForPage(secretary);
  await tapTo(secretary, '本支部入支部码', '/packages/account/join-code');
  const codeText = current(secretary).locator('.hl-code');
  await codeText.waitFor();
  const joinCode = (await codeText.innerText()).trim();
  expect(joinCode).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
  await shot(secretary, 'roster-join-code');
  await secretary.context().close();

  // The newcomer on the roster: agrees to the guideline, 我的 → 加入党支部名册 → code → name → last four digits.
  const member = await openAs(NEWCOMER, '/pages/me/index');
  await waitForPage(member);
  await current(member).getByText('欢迎使用红邻').waitFor();
  await tap(member, '同意并继续');
  await current(member).getByText('欢迎使用红邻').waitFor({ state: 'detached' });
  await tapTo(member, '加入党支部名册', '/packages/account/join');
  await current(member).locator('input').first().fill(joinCode);
  await tap(member, '下一步');
  await current(member).getByText('西草坪村党支部：请选择您的名字').waitFor();
  await shot(member, 'roster-join-names');
  await tap(member, '欧阳兰');
  await current(member).getByText('确认是您本人：欧阳兰').waitFor();
  // Wrong digits are refused in plain Chinese, with a way back to the names.
  await current(member).locator('input').first().fill('0000');
  await tap(member, '确认加入');
  await current(member).locator('.hl-error').waitFor();
  await shot(member, 'roster-join-wrong-digits');
  await current(member).getByText('不是我，重新选择名字').waitFor();
  await current(member).locator('input').first().fill('2345');
  await tap(member, '确认加入');
  await current(member).getByText('已加入西草坪村党支部').waitFor();
  await current(member).getByText('欧阳兰，您现在的身份：党员', { exact: false }).waitFor();
  await shot(member, 'roster-joined');
  await tap(member, '回到“我的”');
  await waitForPage(member, '/pages/me/index');
  await current(member).getByText('党员 · 西草坪村党支部').waitFor();
  await shot(member, 'roster-me-member');

  // 长辈模式: the join page in large text.
  await current(member).locator('.me-menu__switch').click();
  await member.waitForFunction(() => !!document.querySelector('.taro_page_show .hl-page--elder'));
  await tapTo(member, '加入党支部名册', '/packages/account/join');
  await current(member).getByText('输入入支部码').waitFor();
  await current(member).locator('.hl-page--elder').waitFor();
  await shot(member, 'roster-join-elder');
  await member.context().close();
});

test('a neighbour head sees the households of their 邻 and adds one with its tags', async () => {
  const head = await openAs(PERSONA.neighbourHead, '/pages/home/index');
  await waitForPage(head);
  await tapTo(head, '本单位农户', '/packages/request/households');
  await current(head).getByText('添加农户').waitFor();
  const inputs = current(head).locator('input');
  await inputs.nth(0).fill('柳春芳');
  await inputs.nth(1).fill('13911119999');
  await inputs.nth(2).fill('西草坪村8号');
  await inputs.nth(3).fill('1');
  await tap(head, '独居老人');
  await tap(head, '添加');
  await current(head).getByText('已添加“柳春芳”户').waitFor();
  const row = current(head).locator('.hl-row', { hasText: '柳春芳' });
  await row.waitFor();
  // A head sees the phone masked (only the village's own admins see it in full), and the tag as a chip.
  await row.getByText('139****9999', { exact: false }).waitFor();
  await row.locator('.hl-chip', { hasText: '独居老人' }).waitFor();
  await shot(head, 'roster-households');
  await head.context().close();
});

/** A household of 第一组一邻 as the village's import of its household list leaves it, added as the village admin. */
async function villageHousehold(headName: string, address: string): Promise<void> {
  const response = await fetch(`${baseUrl()}/api/org`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': PERSONA.villageAdmin },
    body: JSON.stringify({
      action: 'saveHousehold',
      requestId: `e2e-roster-household-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      unitId: UNIT.xcpNeighbourhood1,
      headName,
      address,
    }),
  });
  const answer = (await response.json()) as { ok: boolean };
  if (!answer.ok) throw new Error(`the village admin could not add ${headName}: ${JSON.stringify(answer)}`);
}

test('the village admin moves a household to another 邻, splits it and closes another with a reason; the history shows who, when and why', async () => {
  await villageHousehold('邝春生', '31号');
  await villageHousehold('谭满妹', '32号');
  const admin = await openByTaps(PERSONA.villageAdmin, ['组织与人员管理', '农户']);
  const row = (name: string) => current(admin).locator('.hl-row', { hasText: name });

  // 邝春生 moves to 第二组一邻, with why; the confirmation names where to.
  await row('邝春生').getByText('详情').click();
  await current(admin).getByText('这户的变动记录').waitFor();
  await tap(admin, '迁到本村其他邻');
  await tap(admin, '第二组一邻');
  await current(admin).locator('input').first().fill('搬到儿子家住');
  await tap(admin, '迁户');
  await current(admin).getByText('确认把“邝春生”户迁到第二组一邻吗？').waitFor();
  await shot(admin, 'households-move-confirm');
  await tap(admin, '确认迁户');
  await current(admin).getByText('已把“邝春生”户迁到第二组一邻').waitFor();
  // Its history: the move, by whom, and why (it stays open after the change).
  await current(admin)
    .getByText(/\d{2}:\d{2} 迁到第二组一邻/)
    .waitFor();
  await current(admin).getByText('经办：', { exact: false }).first().waitFor();
  await current(admin).getByText('说明：搬到儿子家住', { exact: false }).waitFor();
  await row('邝春生').getByText('第二组一邻 · 31号').waitFor();
  await shot(admin, 'households-moved-history');

  // His son's family splits off into a household of its own; both keep the split in their history.
  await tap(admin, '分户');
  const splitForm = current(admin).locator('input');
  await splitForm.nth(0).fill('邝建军');
  await splitForm.nth(2).fill('3');
  // The button under the form (the chip above it says 分户 too).
  await current(admin).getByText('分户', { exact: true }).last().click();
  await current(admin).getByText('确认从“邝春生”户分出“邝建军”户吗？').waitFor();
  await tap(admin, '确认分户');
  await current(admin).getByText('已从“邝春生”户分出“邝建军”户').waitFor();
  await row('邝建军').getByText('第二组一邻 · 3口人').waitFor();
  await current(admin)
    .getByText(/\d{2}:\d{2} 分出新户/)
    .waitFor();
  await shot(admin, 'households-split');

  // 谭满妹 is closed (户内人员已故), confirmed, and leaves the list.
  await row('谭满妹').getByText('详情').click();
  await tap(admin, '注销此户');
  await tap(admin, '户内人员已故');
  await tap(admin, '注销');
  await current(admin).getByText('确认注销“谭满妹”户吗？', { exact: false }).waitFor();
  await shot(admin, 'households-close-confirm');
  await tap(admin, '确认注销');
  await current(admin).getByText('已注销“谭满妹”户（户内人员已故）').waitFor();
  await row('谭满妹').waitFor({ state: 'detached' });
  await row('邝春生').waitFor();
  await shot(admin, 'households-closed');
  await admin.context().close();
});
