import ExcelJS from 'exceljs';
import { BRANCH, PERSONA, UNIT } from '../../../emulator/seed/ids';
import type { WxServerSdk } from '../helpers/cloud';
import { code, newPerson, ok, rid, startDemoWorld, type DemoWorld, type Envelope } from '../user/world';

/**
 * Rosters a town already keeps, imported by its admins: the template, a preview that checks every row and writes
 * nothing, a confirm that writes in resumable chunks, re-imports that never duplicate, the export, and members who
 * link themselves with the branch's join code, their name and the last four digits of their phone.
 */
let world: DemoWorld;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = () => require('wx-server-sdk') as WxServerSdk;

/**
 * Text as Excel saves a CSV on a Chinese Windows (GB18030's two-byte range): Node decodes GB18030 but has no
 * encoder, so the table is the decoder's, inverted.
 */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail !== 0x7f) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? []))));
}

beforeAll(async () => {
  world = await startDemoWorld('roster');
});
afterAll(() => world?.stop());

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('名册');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (content: Buffer, ext = 'xlsx') => world.upload(`roster/${rid('file')}.${ext}`, content);

async function readXlsx(fileID: string): Promise<string[][]> {
  const { fileContent } = await sdk().downloadFile({ fileID });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fileContent as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

const preview = (openid: string, kind: string, fileID: string, unitId: string = UNIT.xicaoping) =>
  world.call(openid, 'roster', 'preview', { requestId: rid(), kind, unitId, fileID });

/** Confirms an import to the end, as the app does (one chunk per call); answers how many calls it took. */
async function confirmAll(openid: string, importId: string): Promise<number> {
  for (let calls = 1; ; calls += 1) {
    const progress = ok(await world.call(openid, 'roster', 'confirm', { importId }));
    if (progress.done) return calls;
  }
}

const MEMBER_HEADER = ['姓名', '手机号', '所在党支部', '居住的邻（可不填）', '入党日期（可不填）'];

describe('roster.template', () => {
  it('gives an admin each kind’s template with its headers and an example row, readable by Excel', async () => {
    const file = ok(await world.call(PERSONA.villageAdmin, 'roster', 'template', { kind: 'members' }));
    expect(file.fileName).toBe('党员花名册模板.xlsx');
    const rows = await readXlsx(file.fileID);
    expect(rows[0]).toEqual(MEMBER_HEADER);
    expect(rows[1]).toEqual(['张建国', '13800001234', '西草坪村党支部', '第一片/第一组/一邻', '1998-07-01']);
    expect(code(await world.call(PERSONA.member, 'roster', 'template', { kind: 'members' }))).toBe('FORBIDDEN');
    expect(code(await world.call(PERSONA.villageAdmin, 'roster', 'template', { kind: 'cats' }))).toBe(
      'INVALID_ARGUMENT',
    );
  });
});

describe('members: template → filled file → preview errors → corrected file → confirm → re-import', () => {
  const good = [
    ['赵红梅', '13911110001', '西草坪村党支部', '第一片/第一组/一邻', '2001-07-01'],
    ['钱卫东', '139 1111 0002', '西草坪村党支部', '西草坪村/第一片/第二组/一邻', ''],
    ['孙立新', '13911110003', '西草坪村党支部', '', '1985/3/8'],
  ];
  const bad = [
    ['周小燕', '13911110004', '东风村党支部', '第一片/第一组/一邻', ''],
    ['吴志强', '1391111000', '西草坪村党支部', '第一片/第一组/二邻', ''],
    ['郑海波', '13911110001', '西草坪村党支部', '第一片/第一组/一邻', ''],
    ['冯晓', '13911110006', '西草坪村党支部', '第三片/第九组/一邻', '2001-02-30'],
  ];
  let corrected: Buffer;

  it('checks every row, names each problem by its row, and writes nothing', async () => {
    const fileID = await upload(await xlsx([MEMBER_HEADER, ...good, ...bad]));
    const answer = ok(await preview(PERSONA.villageAdmin, 'members', fileID));
    expect(answer).toMatchObject({ total: 7, valid: 3, creates: 3, updates: 0, unchanged: 0 });
    expect(answer.problems).toEqual([
      { row: 5, message: expect.stringContaining('找不到党支部“东风村党支部”') },
      { row: 6, message: expect.stringContaining('手机号“1391111000”不对') },
      { row: 7, message: '与第2行重复' },
      { row: 8, message: expect.stringContaining('找不到“第三片/第九组/一邻”') },
    ]);
    expect(await world.find('roster_people', {})).toHaveLength(0);
  });

  it('imports the corrected file (a CSV saved by Excel on a Chinese Windows, GB18030) in full', async () => {
    const fixed = [
      ...good,
      ['周小燕', '13911110004', '西草坪村党支部', '第一片/第一组/一邻', ''],
      ['吴志强', '13911110005', '西草坪村党支部', '第一片/第一组/二邻', ''],
      ['冯晓', '13911110006', '西草坪村党支部', '第二片/第三组/一邻', '2001-02-28'],
    ];
    const csv = [MEMBER_HEADER, ...fixed].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n');
    corrected = Buffer.from(`\ufeff${csv}`, 'utf8');
    const gbk = gb18030(csv);
    expect(gbk.toString('utf8')).not.toContain('赵红梅');
    const answer = ok(await preview(PERSONA.villageAdmin, 'members', await upload(gbk, 'csv')));
    expect(answer).toMatchObject({ total: 6, valid: 6, creates: 6, problems: [] });
    expect(await confirmAll(PERSONA.villageAdmin, answer.importId)).toBe(1);
    const people = await world.find<{
      name: string;
      branchId: string;
      homeUnitId: string | null;
      joinedOn: string | null;
    }>('roster_people', {});
    expect(people.map((p) => p.name).sort()).toEqual(['冯晓', '吴志强', '周小燕', '孙立新', '赵红梅', '钱卫东'].sort());
    expect(people.find((p) => p.name === '钱卫东')).toMatchObject({
      homeUnitId: UNIT.xcpNeighbourhood3,
      joinedOn: null,
    });
    expect(people.find((p) => p.name === '孙立新')).toMatchObject({
      branchId: BRANCH.xicaoping,
      joinedOn: '1985-03-08',
    });
  });

  it('re-importing the same file changes nothing; a corrected row updates its person, never a second one', async () => {
    const again = ok(await preview(PERSONA.villageAdmin, 'members', await upload(corrected, 'csv')));
    expect(again).toMatchObject({ valid: 6, creates: 0, updates: 0, unchanged: 6 });
    await confirmAll(PERSONA.villageAdmin, again.importId);
    const renamed = ok(
      await preview(
        PERSONA.villageAdmin,
        'members',
        await upload(
          await xlsx([MEMBER_HEADER, ['赵红妹', '13911110001', '西草坪村党支部', '第一片/第一组/一邻', '2001-07-01']]),
        ),
      ),
    );
    expect(renamed).toMatchObject({ valid: 1, creates: 0, updates: 1 });
    await confirmAll(PERSONA.villageAdmin, renamed.importId);
    const people = await world.find<{ name: string }>('roster_people', { phone: '13911110001' });
    expect(people.map((p) => p.name)).toEqual(['赵红妹']);
    expect(await world.find('roster_people', {})).toHaveLength(6);
  });

  it('refuses a village admin importing into another village, and a file that is not a spreadsheet', async () => {
    const fileID = await upload(await xlsx([MEMBER_HEADER, ...good]));
    expect(code(await preview(PERSONA.otherVillageAdmin, 'members', fileID))).toBe('FORBIDDEN');
    expect(code(await preview(PERSONA.secretary, 'members', fileID))).toBe('FORBIDDEN');
    const junk = await upload(Buffer.from('PK\u0003\u0004 this is not a zip'), 'xlsx');
    const refused = await preview(PERSONA.villageAdmin, 'members', junk);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('文件打不开') },
    });
    const noHeader = await upload(
      await xlsx([
        ['姓名', '电话'],
        ['赵红梅', '13911110001'],
      ]),
    );
    const missing = ok(await preview(PERSONA.villageAdmin, 'members', noHeader));
    expect(missing.problems).toEqual([{ row: 1, message: expect.stringContaining('缺少“手机号”这一列') }]);
  });
});

describe('households: chunks that resume, re-import that never duplicates, the export', () => {
  const HEADER = [
    '户主姓名',
    '手机号（可不填）',
    '所在的邻',
    '门牌号或地址（可不填）',
    '人口数（可不填）',
    '备注（可不填）',
  ];
  const rows = Array.from({ length: 230 }, (_, i) => [
    `户主${i + 1}`,
    i % 3 === 0 ? `1370000${String(i).padStart(4, '0')}` : '',
    i % 2 === 0 ? '第一片/第一组/一邻' : '第一片/第一组/二邻',
    `西草坪村${i + 1}号`,
    (i % 5) + 1,
    i % 10 === 0 ? '独居老人、低保户' : '',
  ]);

  it('writes 230 households in three confirm calls, each picking up where the last stopped', async () => {
    const answer = ok(await preview(PERSONA.villageAdmin, 'households', await upload(await xlsx([HEADER, ...rows]))));
    expect(answer).toMatchObject({ total: 230, valid: 230, creates: 230, problems: [] });
    const first = ok(await world.call(PERSONA.villageAdmin, 'roster', 'confirm', { importId: answer.importId }));
    expect(first).toMatchObject({ written: 100, total: 230, done: false });
    expect(await world.find('households', {})).toHaveLength(100);
    // The app was closed here; the admin opens it again later and goes on.
    expect(await confirmAll(PERSONA.villageAdmin, answer.importId)).toBe(2);
    const households = await world.find<{ tags: string[]; size: number; unitId: string }>('households', {});
    expect(households).toHaveLength(230);
    expect(households.filter((h) => h.tags.includes('独居老人'))).toHaveLength(23);
    expect(households.filter((h) => h.unitId === UNIT.xcpNeighbourhood2)).toHaveLength(115);
    const done = ok(await world.call(PERSONA.villageAdmin, 'roster', 'confirm', { importId: answer.importId }));
    expect(done).toMatchObject({ written: 230, done: true });
    expect(await world.find('roster_import_rows', { importId: answer.importId })).toHaveLength(0);
    expect(await world.find('households', {})).toHaveLength(230);
  });

  it('a re-import of the list with one family grown updates that one and adds nothing', async () => {
    const grown = rows.map((r, i) => (i === 7 ? [...r.slice(0, 4), 6, r[5]] : r));
    const answer = ok(await preview(PERSONA.villageAdmin, 'households', await upload(await xlsx([HEADER, ...grown]))));
    expect(answer).toMatchObject({ valid: 230, creates: 0, updates: 1, unchanged: 229 });
    await confirmAll(PERSONA.villageAdmin, answer.importId);
    expect(await world.find('households', {})).toHaveLength(230);
    expect(await world.find('households', { headName: '户主8', size: 6 })).toHaveLength(1);
  });

  it('refuses a tag the village does not keep and a size that is not a count', async () => {
    const file = await xlsx([
      HEADER,
      ['户主X', '', '第一片/第一组/一邻', '', '三', ''],
      ['户主Y', '', '第一片/第一组/一邻', '', 2, '富户'],
    ]);
    const answer = ok(await preview(PERSONA.villageAdmin, 'households', await upload(file)));
    expect(answer.problems).toEqual([
      { row: 2, message: expect.stringContaining('人口数“三”不对') },
      { row: 3, message: expect.stringContaining('备注“富户”不在可选范围内') },
    ]);
  });

  it('exports the households with phones in full for the village’s admin and masked for the town', async () => {
    const own = await readXlsx(
      ok(await world.call(PERSONA.villageAdmin, 'roster', 'export', { kind: 'households', unitId: UNIT.xicaoping }))
        .fileID,
    );
    expect(own).toHaveLength(231);
    expect(own[0]).toEqual(['户主姓名', '手机号', '所在的邻', '门牌号或地址', '人口数', '备注']);
    expect(own.find((r) => r[0] === '户主1')).toEqual([
      '户主1',
      '13700000000',
      '第一片/第一组/一邻',
      '西草坪村1号',
      '1',
      '独居老人、低保户',
    ]);
    const town = await readXlsx(
      ok(await world.call(PERSONA.townAdmin, 'roster', 'export', { kind: 'households', unitId: UNIT.xicaoping }))
        .fileID,
    );
    expect(town.find((r) => r[0] === '户主1')?.[1]).toBe('137****0000');
    expect(
      code(
        await world.call(PERSONA.otherVillageAdmin, 'roster', 'export', { kind: 'households', unitId: UNIT.xicaoping }),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('heads and linking: join code, name, last four digits', () => {
  const HEADER = ['姓名', '手机号', '职务', '负责的片组邻'];
  let joinCode: string;
  let zhaoId: string;

  it('adds head roles to people on the roster (one person, two units) and refuses a title that does not fit', async () => {
    const file = await xlsx([
      HEADER,
      ['赵红妹', '13911110001', '邻长', '第一片/第一组/一邻'],
      ['陈国庆', '13922220001', '组长', '第一片/第二组'],
      ['陈国庆', '13922220001', '邻长', '第一片/第二组/一邻'],
      ['林芳', '13922220002', '片长', '第一片/第一组'],
    ]);
    const answer = ok(await preview(PERSONA.villageAdmin, 'heads', await upload(file)));
    expect(answer).toMatchObject({ valid: 3, creates: 1, updates: 2 });
    expect(answer.problems).toEqual([{ row: 5, message: expect.stringContaining('片长应负责一个片') }]);
    await confirmAll(PERSONA.villageAdmin, answer.importId);
    const [chen] = await world.find<{ headRoles: Array<{ role: string; unitId: string }> }>('roster_people', {
      phone: '13922220001',
    });
    expect(chen.headRoles.map((r) => r.role).sort()).toEqual(['group_head', 'neighbour_head']);
    const [zhao] = await world.find<{ _id: string; headRoles: Array<{ role: string }> }>('roster_people', {
      phone: '13911110001',
    });
    expect(zhao.headRoles.map((r) => r.role)).toEqual(['neighbour_head']);
    zhaoId = zhao._id;
  });

  it('gives the branch secretary one join code for the branch, the same on every ask', async () => {
    const first = ok(await world.call(PERSONA.secretary, 'roster', 'joinCode', { branchId: BRANCH.xicaoping }));
    expect(first.code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
    expect(ok(await world.call(PERSONA.villageAdmin, 'roster', 'joinCode', { branchId: BRANCH.xicaoping })).code).toBe(
      first.code,
    );
    expect(code(await world.call(PERSONA.otherSecretary, 'roster', 'joinCode', { branchId: BRANCH.xicaoping }))).toBe(
      'FORBIDDEN',
    );
    joinCode = first.code;
  });

  it('lets a member who opens the app find their name with the code and link it with the last four digits', async () => {
    const openid = 'o-roster-zhao';
    expect(code(await world.call(openid, 'roster', 'joinNames', { code: joinCode }))).toBe('FORBIDDEN');
    await newPerson(world, openid, { nickname: '红梅' });
    const names = ok(await world.call(openid, 'roster', 'joinNames', { code: joinCode.toLowerCase() }));
    expect(names.branchName).toBe('西草坪村党支部');
    expect(names.people.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['赵红妹', '孙立新']));
    expect(JSON.stringify(names)).not.toContain('1391111');
    const wrong = await world.call(openid, 'roster', 'link', { code: joinCode, personId: zhaoId, phoneLast4: '0000' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('还可以试4次') },
    });
    const linked = ok(
      await world.call(openid, 'roster', 'link', { code: joinCode, personId: zhaoId, phoneLast4: '0001' }),
    );
    expect(linked).toEqual({ name: '赵红妹', branchName: '西草坪村党支部', roles: ['党员', '邻长'] });
    const [user] = await world.find<{
      roles: Array<{ role: string; unitId: string; branchId?: string }>;
      homeUnitId: string;
    }>('users', { _id: openid });
    expect(user.roles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'member', branchId: BRANCH.xicaoping }),
        expect.objectContaining({ role: 'neighbour_head', unitId: UNIT.xcpNeighbourhood1 }),
      ]),
    );
    expect(user.homeUnitId).toBe(UNIT.xcpNeighbourhood1);
    const changes = await world.find<{ via: string; grants: unknown[] }>('role_changes', { subject: openid });
    expect(changes).toEqual([expect.objectContaining({ via: 'roster', grants: expect.any(Array) })]);
    expect(changes[0].grants).toHaveLength(2);
    // Linking again (a retried tap) gives the same answer and grants nothing twice.
    expect(
      ok(await world.call(openid, 'roster', 'link', { code: joinCode, personId: zhaoId, phoneLast4: '0001' })),
    ).toEqual(linked);
    expect(await world.find('role_changes', { subject: openid })).toHaveLength(1);
    const after = ok(await world.call(openid, 'roster', 'joinNames', { code: joinCode }));
    expect(after.people.map((p: { name: string }) => p.name)).not.toContain('赵红妹');
  });

  it('refuses someone else claiming a linked name, and locks out a guesser after five wrong answers', async () => {
    const guesser = 'o-roster-guesser';
    await newPerson(world, guesser);
    const taken = await world.call(guesser, 'roster', 'link', { code: joinCode, personId: zhaoId, phoneLast4: '0001' });
    expect(code(taken)).toBe('CONFLICT');
    const [sun] = await world.find<{ _id: string }>('roster_people', { phone: '13911110003' });
    const answers: Envelope[] = [];
    for (const digits of ['1111', '2222', '3333', '4444', '5555']) {
      answers.push(
        await world.call(guesser, 'roster', 'link', { code: joinCode, personId: sun._id, phoneLast4: digits }),
      );
    }
    expect(answers.map(code)).toEqual([
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
      'INVALID_ARGUMENT',
    ]);
    const locked = await world.call(guesser, 'roster', 'link', {
      code: joinCode,
      personId: sun._id,
      phoneLast4: '0003',
    });
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('以后再试') },
    });
    expect(await world.find('roster_people', { userId: guesser })).toHaveLength(0);
  });

  it('erases a member who deletes their account: the roster record they linked, and their phone from the households', async () => {
    const openid = 'o-roster-zhao';
    // Their phone is also the one a household of the village's list gives (户主1's).
    await world.db
      .collection('users')
      .doc(openid)
      .update({ data: { phone: '13700000000' } });
    expect(await world.find('roster_people', { userId: openid })).toHaveLength(1);
    expect(await world.find('households', { phone: '13700000000' })).toHaveLength(1);
    expect(ok(await world.call(openid, 'user', 'deleteAccount', { confirm: true }))).toMatchObject({ erased: true });
    expect(await world.find('roster_people', { userId: openid })).toHaveLength(0);
    expect(await world.find('roster_people', { name: '赵红妹' })).toHaveLength(0);
    expect(await world.find('households', { phone: '13700000000' })).toHaveLength(0);
    expect(await world.find('households', { headName: '户主1' })).toHaveLength(1);
  });
});
