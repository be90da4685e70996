import { scanClientSources, scanFunctionSources } from '../../scripts/deploy/scan';
import { cronProblem } from '../../scripts/deploy/functionConfig';

describe('scanFunctionSources', () => {
  const files = [
    {
      path: 'cloudfunctions/pledge/store.ts',
      text: "export const PLEDGES = 'pledges';\nexport const TOWN_ROOT_ID = 'town';\n",
    },
    {
      path: 'cloudfunctions/pledge/create.ts',
      text: [
        "import { PLEDGES } from './store';",
        "const RATINGS = 'pledge_ratings';",
        'export async function create(tx, id) {',
        '  await tx.collection(PLEDGES).doc(id).set({ data: {} });',
        "  const found = await byId('users', id);",
        '  const vote = await txGet(tx, RATINGS, id);',
        '  const other = await db.collection(nameFromArgument).get();',
        '  await txGet(tx, PLEDGES, TOWN_ROOT_ID);',
        '}',
      ].join('\n'),
    },
    {
      path: 'cloudfunctions/pledge/notices.ts',
      text: [
        'export function reviewed(p) {',
        "  return notify(p.ownerId, 'pledgeReviewed', page(p), {",
        '    subject: p.content,',
        "    'status': '审核通过',",
        '  });',
        '}',
        'export async function notify(touser, template, page, data) { return send(touser, template, page, data); }',
        "export async function tellResident(to: string, template: 'requestAccepted' | 'requestResolved', note: string) {",
        "  await notify(to, template, 'packages/request/detail', { note, time: '' });",
        '}',
      ].join('\n'),
    },
  ];
  const usage = scanFunctionSources(files);

  it('finds collections named by a literal or by a constant of any file, through collection(), byId() and txGet()', () => {
    expect(usage.collections).toEqual([
      { collection: 'pledges', file: 'cloudfunctions/pledge/create.ts', line: 4 },
      { collection: 'users', file: 'cloudfunctions/pledge/create.ts', line: 5 },
      { collection: 'pledge_ratings', file: 'cloudfunctions/pledge/create.ts', line: 6 },
      { collection: 'pledges', file: 'cloudfunctions/pledge/create.ts', line: 8 },
    ]);
  });

  it('finds each notify() with its template key (or each key a helper parameter may be) and the data fields it fills', () => {
    expect(usage.templates).toEqual([
      { key: 'pledgeReviewed', fields: ['subject', 'status'], file: 'cloudfunctions/pledge/notices.ts', line: 2 },
      { key: 'requestAccepted', fields: ['note', 'time'], file: 'cloudfunctions/pledge/notices.ts', line: 9 },
      { key: 'requestResolved', fields: ['note', 'time'], file: 'cloudfunctions/pledge/notices.ts', line: 9 },
    ]);
  });
});

describe('scanClientSources', () => {
  it('finds template keys read from subscribeTemplates or handed to a subscribe helper', () => {
    const keys = scanClientSources([
      {
        path: 'src/packages/request/index.tsx',
        text: [
          "import settings from '../../../config/honglin.json';",
          'const ids = [settings.subscribeTemplates.requestAccepted, settings.subscribeTemplates["requestResolved"]];',
          "askSubscribe(['activityReminder']);",
          "Taro.showToast({ title: 'done' });",
        ].join('\n'),
      },
    ]);
    expect(keys.map((k) => `${k.key}@${k.line}`)).toEqual([
      'requestAccepted@2',
      'requestResolved@2',
      'activityReminder@3',
    ]);
  });
});

describe('cronProblem', () => {
  it.each(['0 0 9 * * * *', '0 */10 * * * * *', '0 30 8 1 * * *', '0 0 2 * * MON-FRI *'])('accepts %s', (cron) => {
    expect(cronProblem(cron)).toBeNull();
  });

  it.each([
    ['0 0 9 * * *', '7 个字段'],
    ['0 0 9 * * * * *', '7 个字段'],
    ['0 60 9 * * * *', 'cron 写法不对'],
    ['0 0 9 32 * * *', 'cron 写法不对'],
    ['0 0 9 * * * 1969', 'cron 写法不对'],
  ])('refuses %s', (cron, text) => {
    expect(cronProblem(cron)).toContain(text);
  });
});
