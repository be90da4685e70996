/**
 * The import row of `npm run bench` (a child process with its own local cloud):
 *   tsx scripts/bench/run-import.ts <functionsDir>
 * A town of 8 villages (20 邻 each, one branch each) and its town admin; then the town's rosters as its
 * organisation office keeps them — 800 members (党员花名册) and 3,000 households (农户名册), town-wide .xlsx files —
 * imported through the roster function as the app does: upload, preview, confirm until done. Prints one JSON line:
 * per roster the rows, invocations, total function time (the invocations' time, from call to answer) and the
 * longest single invocation against the function's time limit.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sdkEnvironment, startLocalCloud } from '../../emulator/start';
import { workbook, type Cell } from '../../cloudfunctions/common/spreadsheet/xlsx';

export interface ImportMeasurement {
  name: string;
  rows: number;
  invocations: number;
  /** Sum of the invocations' times. */
  totalMs: number;
  longestMs: number;
}

export interface ImportResult {
  limitSeconds: number;
  measurements: ImportMeasurement[];
}

const VILLAGES = 8;
const MEMBERS = 800;
const HOUSEHOLDS = 3000;
const BLOCKS = ['第一片', '第二片'];
const GROUPS = ['第一组', '第二组'];
const NEIGHBOURHOODS = ['一邻', '二邻', '三邻', '四邻', '五邻'];
const ADMIN = 'bench-town-admin';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '建国秋菊德明红梅立新小明春芳大成兰英华军';

interface Village {
  id: string;
  name: string;
  /** "1村/第一片/第一组/一邻" for each of its 邻, as a town-wide roster writes them. */
  homes: string[];
}

async function seedTown(db: {
  collection(name: string): { add(options: { data: object[] }): Promise<unknown> };
}): Promise<Village[]> {
  const now = new Date();
  const units: object[] = [{ _id: 'town', kind: 'town', name: '鹿原镇', parentId: null, path: ['town'], order: 0 }];
  const branches: object[] = [];
  const villages: Village[] = [];
  for (let v = 0; v < VILLAGES; v += 1) {
    const id = `v${v}`;
    const name = `${v + 1}村`;
    const path = ['town', id];
    units.push({ _id: id, kind: 'village', name, parentId: 'town', path, order: v });
    branches.push({
      _id: `${id}b`,
      name: `${name}党支部`,
      unitId: id,
      unitPath: path,
      createdAt: now,
      createdBy: 'bench',
    });
    const homes: string[] = [];
    BLOCKS.forEach((block, b) => {
      const blockPath = [...path, `${id}k${b}`];
      units.push({ _id: blockPath[2], kind: 'block', name: block, parentId: id, path: blockPath, order: b });
      GROUPS.forEach((group, g) => {
        const groupPath = [...blockPath, `${blockPath[2]}g${g}`];
        units.push({
          _id: groupPath[3],
          kind: 'group',
          name: group,
          parentId: blockPath[2],
          path: groupPath,
          order: g,
        });
        NEIGHBOURHOODS.forEach((neighbourhood, n) => {
          const ladder = [...groupPath, `${groupPath[3]}n${n}`];
          units.push({
            _id: ladder[4],
            kind: 'neighbourhood',
            name: neighbourhood,
            parentId: groupPath[3],
            path: ladder,
            order: n,
          });
          homes.push(`${name}/${block}/${group}/${neighbourhood}`);
        });
      });
    });
    villages.push({ id, name, homes });
  }
  await db.collection('units').add({ data: units });
  await db.collection('branches').add({ data: branches });
  await db.collection('users').add({
    data: [
      {
        _id: ADMIN,
        nickname: '镇组织办',
        roles: [{ role: 'town_admin', unitId: 'town', unitPath: ['town'], grantedAt: now, grantedBy: 'bench' }],
        createdAt: now,
      },
    ],
  });
  return villages;
}

const nameOf = (i: number) =>
  `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[(i * 7) % GIVEN.length]}`;

function memberRows(villages: Village[]): Cell[][] {
  return Array.from({ length: MEMBERS }, (_, i) => {
    const village = villages[i % villages.length];
    return [
      nameOf(i),
      `139${String(i).padStart(8, '0')}`,
      `${village.name}党支部`,
      village.homes[i % village.homes.length],
      '2001-07-01',
    ];
  });
}

function householdRows(villages: Village[]): Cell[][] {
  return Array.from({ length: HOUSEHOLDS }, (_, i) => {
    const village = villages[i % villages.length];
    return [
      nameOf(i + 5),
      `138${String(i).padStart(8, '0')}`,
      village.homes[Math.floor(i / villages.length) % village.homes.length],
      `${village.name}${i + 1}号`,
      1 + (i % 5),
      i % 17 === 0 ? '独居老人' : '',
    ];
  });
}

async function main(): Promise<void> {
  const functionsDir = process.argv[2];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-bench-import-'));
  const cloud = await startLocalCloud({ dataDir, functionsDir, messagePush: null });
  try {
    Object.assign(process.env, sdkEnvironment(cloud));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
    const villages = await seedTown(sdk.database() as never);
    const config = JSON.parse(fs.readFileSync(path.join(functionsDir, 'roster', 'config.json'), 'utf8')) as {
      timeout: number;
    };

    const timed = async (data: Record<string, unknown>, spent: number[]) => {
      const t = performance.now();
      const outcome = await cloud.invoke('roster', data, { openid: ADMIN });
      spent.push(performance.now() - t);
      if (!outcome.ok) throw new Error(`roster.${String(data.action)} failed: ${JSON.stringify(outcome)}`);
      const answer = JSON.parse(outcome.responseData) as {
        ok: boolean;
        data?: Record<string, unknown>;
        error?: unknown;
      };
      if (!answer.ok || !answer.data) throw new Error(`roster.${String(data.action)}: ${JSON.stringify(answer.error)}`);
      return answer.data;
    };
    const importRoster = async (kind: string, label: string, header: string[], rows: Cell[][]) => {
      const content = workbook([{ name: label, widths: header.map(() => 16), rows: [header, ...rows] }]);
      const { fileID } = await sdk.uploadFile({ cloudPath: `roster/bench-${kind}.xlsx`, fileContent: content });
      const spent: number[] = [];
      const preview = await timed(
        { action: 'preview', requestId: `bench-import-${kind}`, kind, unitId: 'town', fileID },
        spent,
      );
      if (preview.valid !== rows.length)
        throw new Error(
          `${kind}: ${String(preview.valid)} of ${rows.length} rows valid: ${JSON.stringify(preview.problems)}`,
        );
      for (;;) if ((await timed({ action: 'confirm', importId: preview.importId }, spent)).done) break;
      const measurement: ImportMeasurement = {
        name: `${label}: ${rows.length.toLocaleString('en')} rows, preview + confirm`,
        rows: rows.length,
        invocations: spent.length,
        totalMs: spent.reduce((a, b) => a + b, 0),
        longestMs: Math.max(...spent),
      };
      process.stderr.write(
        `  ${measurement.name}: ${measurement.invocations} invocations, ${(measurement.totalMs / 1000).toFixed(1)} s\n`,
      );
      return measurement;
    };
    const measurements = [
      await importRoster(
        'members',
        '党员花名册',
        ['姓名', '手机号', '所在党支部', '居住的邻', '入党日期'],
        memberRows(villages),
      ),
      await importRoster(
        'households',
        '农户名册',
        ['户主姓名', '手机号', '所在的邻', '门牌号或地址', '人口数', '备注'],
        householdRows(villages),
      ),
    ];
    const result: ImportResult = { limitSeconds: config.timeout, measurements };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
