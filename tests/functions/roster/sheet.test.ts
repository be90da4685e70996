import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { BRANCH, PERSONA, UNIT } from '../../../emulator/seed/ids';
import type { WxServerSdk } from '../helpers/cloud';
import { code, newPerson, ok, rid, startDemoWorld, type DemoWorld } from '../user/world';

/**
 * 打印邀请码: the invitation sheet of a village's roster. Every branch member not linked yet gets one personal
 * invitation (printing again makes none), its mini-program code, and a slip on the branch's A4 PDF; a branch of
 * sixty is made over several calls; the person who scans their code is linked to their record with the roles it names.
 */
let world: DemoWorld;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = () => require('wx-server-sdk') as WxServerSdk;

beforeAll(async () => {
  world = await startDemoWorld('roster-sheet');
});
afterAll(() => world?.stop());

const MEMBER_HEADER = ['姓名', '手机号', '所在党支部', '居住的邻（可不填）', '入党日期（可不填）'];

async function importMembers(rows: string[][]): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  for (const row of [MEMBER_HEADER, ...rows]) sheet.addRow(row);
  const fileID = await world.upload(`roster/${rid('file')}.xlsx`, Buffer.from(await book.xlsx.writeBuffer()));
  const preview = ok(
    await world.call(PERSONA.villageAdmin, 'roster', 'preview', {
      requestId: rid(),
      kind: 'members',
      unitId: UNIT.xicaoping,
      fileID,
    }),
  );
  expect(preview.valid).toBe(rows.length);
  for (;;)
    if (ok(await world.call(PERSONA.villageAdmin, 'roster', 'confirm', { importId: preview.importId })).done) break;
}

interface SheetAnswer {
  total: number;
  prepared: number;
  files: Array<{ fileID: string; url: string; fileName: string }>;
  next?: string;
  done: boolean;
}

/** Makes the sheet as the app does (call again until done); answers every call's answer. */
async function printSheet(openid: string, unitId: string = UNIT.xicaoping): Promise<SheetAnswer[]> {
  const answers: SheetAnswer[] = [];
  let after: string | undefined;
  for (;;) {
    const answer = ok(
      await world.call(openid, 'roster', 'sheet', { unitId, ...(after ? { after } : {}) }),
    ) as SheetAnswer;
    answers.push(answer);
    if (answer.done) return answers;
    after = answer.next ?? after;
  }
}

const filesOf = (answers: SheetAnswer[]) => answers.flatMap((a) => a.files);

async function download(fileID: string): Promise<Buffer> {
  const { fileContent } = await sdk().downloadFile({ fileID });
  return fileContent as Buffer;
}

/** What a PDF shows: its pages, its text (UCS-2 hex strings decoded) and its images' sizes. */
function readPdf(pdf: Buffer) {
  const text = pdf.toString('latin1');
  const pages = (text.match(/\/Type \/Page /g) ?? []).length;
  const shown: string[] = [];
  for (const match of text.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    const raw = Buffer.from(match[1], 'latin1');
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      continue;
    }
    for (const hex of content.matchAll(/<([0-9a-f]+)> Tj/g)) {
      shown.push(String.fromCharCode(...(hex[1].match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))));
    }
  }
  const images = [...text.matchAll(/\/Subtype \/Image \/Width (\d+) \/Height (\d+)/g)].map((m) => [+m[1], +m[2]]);
  return { pages, shown, images, text };
}

const GOOD = [
  ['欧阳兰', '13911112345', '西草坪村党支部', '第一片/第一组/一邻', ''],
  ['贺建军', '13911112346', '西草坪村党支部', '第一片/第一组/二邻', ''],
  ['罗大成', '13911112347', '西草坪村党支部', '', ''],
];

describe('roster.sheet', () => {
  let codes: string[] = [];
  let redeemedCode = '';

  it('gives the village admin a PDF of the branch: A4, a Chinese title and instruction, a code beside each name', async () => {
    await importMembers(GOOD);
    const answers = await printSheet(PERSONA.villageAdmin);
    const last = answers[answers.length - 1];
    expect(last).toMatchObject({ total: 3, prepared: 3, done: true });
    const files = filesOf(answers);
    expect(files).toEqual([
      {
        fileID: expect.stringMatching(/\.pdf$/),
        url: expect.stringContaining('sign='),
        fileName: '西草坪村党支部邀请码.pdf',
      },
    ]);
    const pdf = await download(files[0].fileID);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    expect(read.text).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(read.text).toContain('/BaseFont /STSong-Light');
    expect(read.text).toContain('/Encoding /UniGB-UCS2-H');
    expect(read.shown).toEqual(
      expect.arrayContaining([
        '西草坪村党支部 党员邀请码',
        '微信扫码，确认本人信息后即可加入',
        '欧阳兰',
        '贺建军',
        '罗大成',
        '一邻',
      ]),
    );
    expect(read.images).toEqual([
      [430, 430],
      [430, 430],
      [430, 430],
    ]);
    const invites = await world.find<{ _id: string; rosterPersonId: string; branchId: string; role: string }>(
      'invites',
      { branchId: BRANCH.xicaoping, role: 'member' },
    );
    const personal = invites.filter((i) => i.rosterPersonId);
    expect(personal).toHaveLength(3);
    codes = personal.map((i) => i._id);
    // Each code is on the sheet beside its name, and is a mini-program code opening the invitation page with it.
    for (const c of codes) expect(read.shown).toContain(c);
    const made = (await import('node:fs')).readFileSync(`${world.dataDir}/qr-codes.jsonl`, 'utf8');
    for (const c of codes) expect(made).toContain(`"page":"packages/account/redeem","scene":"${c}"`);
  });

  it('printing again makes no second invitation and gives the same codes', async () => {
    const answers = await printSheet(PERSONA.villageAdmin);
    expect(answers).toHaveLength(1);
    const read = readPdf(await download(filesOf(answers)[0].fileID));
    for (const c of codes) expect(read.shown).toContain(c);
    const invites = await world.find<{ rosterPersonId?: string }>('invites', { branchId: BRANCH.xicaoping });
    expect(invites.filter((i) => i.rosterPersonId)).toHaveLength(3);
  });

  it('links the person who redeems their code to their record; they drop off the next sheet', async () => {
    const [person] = await world.find<{ _id: string; inviteCode: string }>('roster_people', { name: '欧阳兰' });
    redeemedCode = person.inviteCode;
    const openid = 'o-sheet-ouyang';
    await newPerson(world, openid, { nickname: '兰' });
    const redeemed = ok(await world.call(openid, 'user', 'redeemInvite', { code: person.inviteCode }));
    expect(redeemed).toMatchObject({
      personName: '欧阳兰',
      targetName: '西草坪村党支部',
      grant: { role: 'member', branchId: BRANCH.xicaoping },
    });
    const [linked] = await world.find<{ userId: string }>('roster_people', { _id: person._id });
    expect(linked.userId).toBe(openid);
    const [user] = await world.find<{ roles: Array<{ role: string }>; homeUnitId: string }>('users', { _id: openid });
    expect(user.roles.map((r) => r.role)).toContain('member');
    expect(user.homeUnitId).toBe(UNIT.xcpNeighbourhood1);
    const changes = await world.find<{ via: string; inviteCode: string; actor: string }>('role_changes', {
      subject: openid,
    });
    expect(changes).toEqual([
      expect.objectContaining({ via: 'invite', inviteCode: person.inviteCode, actor: PERSONA.villageAdmin }),
    ]);
    // The same scan again answers the same; someone else with that code is refused.
    expect(ok(await world.call(openid, 'user', 'redeemInvite', { code: person.inviteCode }))).toMatchObject({
      personName: '欧阳兰',
    });
    await newPerson(world, 'o-sheet-other');
    expect(code(await world.call('o-sheet-other', 'user', 'redeemInvite', { code: person.inviteCode }))).toBe(
      'CONFLICT',
    );
    const again = await printSheet(PERSONA.villageAdmin);
    expect(again[again.length - 1]).toMatchObject({ total: 2, done: true });
    expect(readPdf(await download(filesOf(again)[0].fileID)).shown).not.toContain('欧阳兰');
  });

  it('refuses callers outside the unit or without an admin role, and a unit that keeps no roster', async () => {
    expect(code(await world.call(PERSONA.otherVillageAdmin, 'roster', 'sheet', { unitId: UNIT.xicaoping }))).toBe(
      'FORBIDDEN',
    );
    expect(code(await world.call(PERSONA.secretary, 'roster', 'sheet', { unitId: UNIT.xicaoping }))).toBe('FORBIDDEN');
    expect(code(await world.call(PERSONA.member, 'roster', 'sheet', { unitId: UNIT.xicaoping }))).toBe('FORBIDDEN');
    expect(code(await world.call(PERSONA.villageAdmin, 'roster', 'sheet', { unitId: '' }))).toBe('INVALID_ARGUMENT');
    expect(code(await world.call(PERSONA.villageAdmin, 'roster', 'sheet', { unitId: UNIT.xcpGroup1 }))).toBe(
      'INVALID_ARGUMENT',
    );
    // Nothing was made for a refused caller.
    const invites = await world.find<{ rosterPersonId?: string }>('invites', { branchId: BRANCH.xicaoping });
    expect(invites.filter((i) => i.rosterPersonId)).toHaveLength(3);
  });

  it('makes a branch of 64 over several calls, each within the time limit, on four A4 pages', async () => {
    const many = Array.from({ length: 62 }, (_, i) => [
      `党员${String(i + 1).padStart(2, '0')}`,
      `1370000${String(i).padStart(4, '0')}`,
      '西草坪村党支部',
      '第一片/第一组/一邻',
      '',
    ]);
    await importMembers(many);
    const answers = await printSheet(PERSONA.townAdmin, UNIT.town);
    expect(answers.length).toBeGreaterThan(2);
    expect(answers[answers.length - 1]).toMatchObject({ total: 64, prepared: 64 });
    const [file] = filesOf(answers).filter((f) => f.fileName === '西草坪村党支部邀请码.pdf');
    const read = readPdf(await download(file.fileID));
    expect(read.pages).toBe(4);
    expect(read.images).toHaveLength(64);
    expect(read.shown).toContain('党员62');
    expect(read.shown.some((t) => t.endsWith('第4/4页'))).toBe(true);
    // The three codes of the first print are still the ones printed.
    for (const c of codes.filter((c) => c !== redeemedCode)) expect(read.shown).toContain(c);
  });
});
