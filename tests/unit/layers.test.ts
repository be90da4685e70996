import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The layers of DESIGN §6 as `npm run lint` sees them: each case is linted with the repo's own eslint.config.mjs,
 * as if the file stood at its path, in one eslint process (its start is the slow part).
 */
const ROOT = path.resolve(__dirname, '../..');

interface Case {
  file: string;
  code: string;
}

/** The rule ids eslint reports for each case, in order. */
function lint(cases: Case[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const c of cases) {
      const [result] = await eslint.lintText(c.code, { filePath: c.file });
      out.push(result.messages.map((m) => m.ruleId ?? 'fatal: ' + m.message));
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as string[][];
}

const crossing: Case[] = [
  { file: 'types/x.ts', code: "import Taro from '@tarojs/taro';\nexport const t = Taro;\n" },
  { file: 'types/x.ts', code: "import { db } from '../cloudfunctions/common/cloud';\nexport const d = db;\n" },
  { file: 'types/x.d.ts', code: '/// <reference types="@tarojs/taro" />\nexport {};\n' },
  { file: 'cloudfunctions/common/domain/x.ts', code: "import { db } from '../cloud';\nexport const d = db;\n" },
  {
    file: 'cloudfunctions/visit/x.ts',
    code: "import { REQUESTS } from '../request/store';\nexport const r = REQUESTS;\n",
  },
  { file: 'cloudfunctions/common/x.ts', code: "import { log } from '../visit/log';\nexport const l = log;\n" },
  { file: 'src/lib/x.ts', code: "import { db } from '../../cloudfunctions/common/cloud';\nexport const d = db;\n" },
  { file: 'src/lib/x.ts', code: "export const start = () => import('../../emulator/start');\n" },
  { file: 'src/packages/pledge/x.tsx', code: "import '@/pages/pledges/index';\n" },
  { file: 'src/packages/pledge/x.tsx', code: "import '../../pages/me/index.scss';\n" },
  { file: 'emulator/x.ts', code: "import { log } from '../cloudfunctions/visit/log';\nexport const l = log;\n" },
  {
    file: 'cloudfunctions/visit/x.ts',
    code: "import { db } from '../common/cloud';\nexport const q = () => db.collection('users').get();\n",
  },
  // The temporary allowance of pledge's two imports covers exactly those two, nothing else.
  { file: 'cloudfunctions/pledge/x.ts', code: "import { log } from '../visit/log';\nexport const l = log;\n" },
  // A page calls an action through its typed API (src/api/<function>.ts), never by strings.
  {
    file: 'src/packages/stats/x.tsx',
    code: "import { callCloud } from '@/api/transport';\nexport const c = callCloud;\n",
  },
  {
    file: 'src/pages/me/x.tsx',
    code: "import { callCloud } from '../../api/transport';\nexport const c = callCloud;\n",
  },
];

const keeping: Case[] = [
  {
    file: 'types/x.ts',
    code: "import * as z from 'zod';\nimport { dayjs } from './time';\nexport const a = [z, dayjs];\n",
  },
  {
    file: 'cloudfunctions/common/domain/x.ts',
    code: "import { ROLES } from '@honglin/types/org';\nexport const r = ROLES;\n",
  },
  {
    file: 'cloudfunctions/visit/x.ts',
    code: "import { db } from '../common/cloud';\nimport { v } from './store';\nexport const a = [db, v];\n",
  },
  {
    file: 'src/packages/pledge/x.tsx',
    code: "import { PledgeCard } from '@/components/pledge/PledgeCard';\nexport const p = PledgeCard;\n",
  },
  { file: 'src/pages/pledges/x.tsx', code: "import { v } from './index';\nexport const a = v;\n" },
  { file: 'src/api/x.ts', code: "import { callCloud } from './transport';\nexport const c = callCloud;\n" },
  {
    file: 'emulator/x.ts',
    code: "import { addSums } from '../cloudfunctions/common/domain/metrics/sums';\nexport const a = addSums;\n",
  },
];

test('every import that crosses a layer (or names a collection bare) fails lint; the ones that keep to their layer pass', () => {
  const results = lint([...crossing, ...keeping]);
  const crossed = results.slice(0, crossing.length);
  crossed.forEach((ids, i) => {
    expect({ case: crossing[i], ids }).toEqual({
      case: crossing[i],
      ids: [
        expect.stringMatching(
          /^(honglin\/layers|@typescript-eslint\/triple-slash-reference|no-restricted-syntax|no-restricted-imports)$/,
        ),
      ],
    });
  });
  results
    .slice(crossing.length)
    .forEach((ids, i) => expect({ case: keeping[i], ids }).toEqual({ case: keeping[i], ids: [] }));
});
