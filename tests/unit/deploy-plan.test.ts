import settings from '../../config/honglin.json';
import type { HonglinConfig } from '../../scripts/deploy/config';
import type { CollectionDeclaration } from '../../scripts/deploy/declaration';
import type { FunctionConfig } from '../../scripts/deploy/functionConfig';
import {
  describeStep,
  planDeploy,
  problemsBlocking,
  type DeployInputs,
  type FunctionInput,
  type Step,
} from '../../scripts/deploy/plan';

const APP_ID = 'wx0123456789abcdef';
const ADMIN = 'oAbCdEfGhIjKlMnOpQrStUvWxYz0';

/** The pledgeReviewed template: its id and the keywords its fields go in. */
const reviewed = (
  id: string,
  fields: Record<string, string> = { subject: 'thing1', status: 'phrase2', note: 'thing3' },
) => ({
  id,
  fields,
});

function config(overrides: Partial<HonglinConfig> = {}): HonglinConfig {
  return {
    appId: APP_ID,
    cloudEnv: 'luyuan-7g2k',
    town: { name: '鹿原镇' },
    firstTownAdmins: [ADMIN],
    subscribeTemplates: { pledgeReviewed: reviewed('Tmpl-Reviewed-123') },
    requestTimeLimits: settings.requestTimeLimits,
    ...overrides,
  };
}

const users: CollectionDeclaration = {
  name: 'users',
  permission: 'ADMINONLY',
  indexes: [
    {
      name: 'homeUnit_createdAt',
      keys: [
        { field: 'homeUnitId', direction: 1 },
        { field: 'createdAt', direction: -1 },
      ],
    },
  ],
};
const timeline: CollectionDeclaration = { name: 'timeline', permission: 'ADMINONLY', indexes: [] };

function fn(
  name: string,
  cfg: FunctionConfig = { timeout: 10 },
  bundle: Partial<NonNullable<FunctionInput['bundle']>> | null = {},
): FunctionInput {
  return {
    name,
    sourceConfig: { ok: true, value: cfg },
    bundle: bundle === null ? null : { config: { ok: true, value: cfg }, stale: false, ...bundle },
  };
}

/** Valid inputs: a filled configuration, declared collections, built functions, a weapp build. */
function inputs(overrides: Partial<DeployInputs> = {}): DeployInputs {
  return {
    configFile: 'config/honglin.json',
    config: { ok: true, value: config() },
    declarationFile: 'cloudfunctions/database.json',
    collections: { ok: true, value: [users, timeline] },
    functionsRoot: 'dist/cloudfunctions',
    functions: [
      fn('pledge', { timeout: 10, permissions: { openapi: ['security.msgSecCheck'] } }),
      fn('request', { timeout: 20, triggers: [{ name: 'sweep', type: 'timer', config: '0 */10 * * * * *' }] }),
    ],
    usage: {
      collections: [{ collection: 'users', file: 'cloudfunctions/user/me.ts', line: 3 }],
      templates: [
        { key: 'pledgeReviewed', fields: ['subject', 'status'], file: 'cloudfunctions/pledge/notices.ts', line: 11 },
      ],
      clientTemplates: [],
    },
    weapp: {
      built: true,
      cloudEnvs: ['luyuan-7g2k'],
      projectPath: 'dist/weapp',
      version: '0.1.0',
      description: 'abc123 first release',
    },
    projectAppId: APP_ID,
    ...overrides,
  };
}

const codes = (plan: ReturnType<typeof planDeploy>) => plan.problems.map((p) => p.code);

describe('deploy plan for a complete configuration', () => {
  const plan = planDeploy(inputs());

  it('has no problems and no warnings', () => {
    expect(plan.problems).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('creates each collection, then its indexes, then its client-denying rule, before the functions and the weapp', () => {
    expect(
      plan.steps.map((s) => `${s.kind}:${'collection' in s ? s.collection : 'name' in s ? s.name : s.appId}`),
    ).toEqual([
      'collection:users',
      'indexes:users',
      'permission:users',
      'collection:timeline',
      'permission:timeline',
      'function:pledge',
      'triggers:pledge',
      'function:request',
      'triggers:request',
      `weapp:${APP_ID}`,
    ]);
    expect(plan.steps.filter((s) => s.kind === 'permission')).toEqual([
      { kind: 'permission', collection: 'users', permission: 'ADMINONLY', rule: null },
      { kind: 'permission', collection: 'timeline', permission: 'ADMINONLY', rule: null },
    ]);
  });

  it('uploads each function with its timeout, cloud-call permissions and timer triggers', () => {
    expect(plan.steps.find((s) => s.kind === 'function' && s.name === 'request')).toMatchObject({
      timeout: 20,
      root: 'dist/cloudfunctions',
      runtime: 'Nodejs16.13',
    });
    expect(plan.steps.find((s) => s.kind === 'function' && s.name === 'pledge')).toMatchObject({
      openapi: ['security.msgSecCheck'],
    });
    expect(plan.steps.find((s) => s.kind === 'triggers' && s.name === 'request')).toEqual({
      kind: 'triggers',
      name: 'request',
      triggers: [{ name: 'sweep', type: 'timer', config: '0 */10 * * * * *' }],
    });
  });

  it('uploads the weapp with the version and description it was given', () => {
    expect(plan.steps.at(-1)).toEqual({
      kind: 'weapp',
      appId: APP_ID,
      projectPath: 'dist/weapp',
      version: '0.1.0',
      description: 'abc123 first release',
    });
  });

  it('falls back to the cloud default timeout of 3 s when config.json names none', () => {
    const steps = planDeploy(inputs({ functions: [fn('video', {})] })).steps;
    expect(steps.find((s) => s.kind === 'function')).toMatchObject({ timeout: 3 });
  });

  it('keeps a custom deny-all rule as the rule it applies', () => {
    const custom: CollectionDeclaration = {
      name: 'films',
      permission: 'CUSTOM',
      rule: { read: false, write: false },
      indexes: [],
    };
    const steps = planDeploy(inputs({ collections: { ok: true, value: [custom] } })).steps;
    expect(steps.find((s) => s.kind === 'permission')).toEqual({
      kind: 'permission',
      collection: 'films',
      permission: 'CUSTOM',
      rule: '{"read":false,"write":false}',
    });
  });
});

describe('deploy plan problems, each with its message and fix', () => {
  it('the placeholder app id', () => {
    const plan = planDeploy(inputs({ config: { ok: true, value: config({ appId: 'touristappid' }) } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'APP_ID_MISSING',
        message: expect.stringContaining('touristappid'),
        fix: expect.stringContaining('AppID'),
      }),
    ]);
  });

  it('an app id that is not one', () => {
    expect(codes(planDeploy(inputs({ config: { ok: true, value: config({ appId: 'wx123' }) } })))).toEqual([
      'APP_ID_INVALID',
    ]);
  });

  it('the placeholder or an empty cloud environment', () => {
    expect(codes(planDeploy(inputs({ config: { ok: true, value: config({ cloudEnv: 'honglin-local' }) } })))).toEqual([
      'CLOUD_ENV_MISSING',
    ]);
    expect(codes(planDeploy(inputs({ config: { ok: true, value: config({ cloudEnv: '' }) } })))).toEqual([
      'CLOUD_ENV_MISSING',
    ]);
  });

  it('an unreadable configuration file', () => {
    const plan = planDeploy(inputs({ config: { ok: false, error: 'config/honglin.json 格式不对：appId' } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'CONFIG_INVALID', message: 'config/honglin.json 格式不对：appId' }),
    ]);
  });

  it('a template sent by a function but not configured, naming where it is sent', () => {
    const plan = planDeploy(inputs({ config: { ok: true, value: config({ subscribeTemplates: {} }) } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE_NOT_CONFIGURED',
        message: expect.stringContaining('cloudfunctions/pledge/notices.ts:11'),
        fix: expect.stringContaining('subscribeTemplates.pledgeReviewed'),
      }),
    ]);
  });

  it('a template the mini-program asks for but not configured', () => {
    const usage = {
      ...inputs().usage,
      clientTemplates: [{ key: 'activityReminder', file: 'src/packages/activity/index.tsx', line: 40 }],
    };
    const plan = planDeploy(inputs({ usage }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE_NOT_CONFIGURED',
        message: expect.stringContaining('src/packages/activity/index.tsx:40'),
      }),
    ]);
  });

  it('a template still on its local- id, with the fields the code sends', () => {
    const plan = planDeploy(
      inputs({
        config: {
          ok: true,
          value: config({ subscribeTemplates: { pledgeReviewed: reviewed('local-pledgeReviewed') } }),
        },
      }),
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'TEMPLATE_LOCAL', fix: expect.stringContaining('subject、status') }),
    ]);
  });

  it('one template sent with two different sets of fields', () => {
    const usage = {
      ...inputs().usage,
      templates: [
        { key: 'pledgeReviewed', fields: ['subject', 'status'], file: 'a.ts', line: 1 },
        { key: 'pledgeReviewed', fields: ['subject', 'note'], file: 'b.ts', line: 2 },
      ],
    };
    expect(codes(planDeploy(inputs({ usage })))).toEqual(['TEMPLATE_FIELDS_DIFFER']);
  });

  it('a field the code sends that the template configuration gives no keyword', () => {
    const only = config({
      subscribeTemplates: { pledgeReviewed: reviewed('Tmpl-Reviewed-123', { subject: 'thing1' }) },
    });
    const plan = planDeploy(inputs({ config: { ok: true, value: only } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'TEMPLATE_FIELDS_UNMAPPED',
        message: expect.stringContaining('status'),
        fix: expect.stringContaining('subscribeTemplates.pledgeReviewed.fields'),
      }),
    ]);
  });

  it('two fields given the same keyword of the template', () => {
    const clash = reviewed('Tmpl-Reviewed-123', { subject: 'thing1', status: 'thing1' });
    const plan = planDeploy(
      inputs({ config: { ok: true, value: config({ subscribeTemplates: { pledgeReviewed: clash } }) } }),
    );
    expect(codes(plan)).toEqual(['TEMPLATE_FIELDS_CLASH']);
  });

  it('a function without config.json, and an invalid one', () => {
    const missing: FunctionInput = { name: 'visit', sourceConfig: null, bundle: null };
    const invalid: FunctionInput = {
      name: 'stats',
      sourceConfig: { ok: false, error: 'timeout: Too big' },
      bundle: null,
    };
    const plan = planDeploy(inputs({ functions: [missing, invalid] }));
    expect(codes(plan)).toEqual(['FUNCTION_CONFIG_MISSING', 'FUNCTION_CONFIG_INVALID']);
    expect(plan.problems[0].message).toContain('cloudfunctions/visit/config.json');
    expect(plan.steps.some((s) => s.kind === 'function')).toBe(false);
  });

  it('a function not built, telling to build', () => {
    const plan = planDeploy(inputs({ functions: [fn('visit', { timeout: 10 }, null)] }));
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'FUNCTION_NOT_BUILT', fix: '运行 npm run build:functions' }),
    ]);
  });

  it('a build older than its sources, or whose config.json differs from the source one', () => {
    expect(codes(planDeploy(inputs({ functions: [fn('pledge', { timeout: 10 }, { stale: true })] })))).toEqual([
      'FUNCTION_BUILD_STALE',
    ]);
    const differs = fn('pledge', { timeout: 10 }, { config: { ok: true, value: { timeout: 3 } } });
    expect(codes(planDeploy(inputs({ functions: [differs] })))).toEqual(['FUNCTION_BUILD_STALE']);
  });

  it.each([
    ['six fields', '0 0 9 * * *', '7 个字段'],
    ['an hour out of range', '0 0 25 * * * *', 'cron 写法不对'],
    ['a word that is no value', '0 0 nine * * * *', 'cron 写法不对'],
  ])('a timer trigger cron with %s', (_, cron, text) => {
    const plan = planDeploy(
      inputs({
        functions: [fn('activity', { timeout: 10, triggers: [{ name: 'remind', type: 'timer', config: cron }] })],
      }),
    );
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'TRIGGER_CRON_INVALID', message: expect.stringContaining(text) }),
    ]);
  });

  it('a collection used in code but not declared, naming where it is used', () => {
    const usage = {
      ...inputs().usage,
      collections: [
        { collection: 'pledges', file: 'cloudfunctions/pledge/create.ts', line: 56 },
        { collection: 'pledges', file: 'cloudfunctions/pledge/move.ts', line: 43 },
      ],
    };
    const plan = planDeploy(inputs({ usage }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'COLLECTION_UNDECLARED',
        message: expect.stringContaining('cloudfunctions/pledge/create.ts:56、cloudfunctions/pledge/move.ts:43'),
        fix: expect.stringContaining('"name": "pledges"'),
      }),
    ]);
  });

  it('a collection declared twice, or an index name used twice', () => {
    expect(codes(planDeploy(inputs({ collections: { ok: true, value: [users, users] } })))).toEqual([
      'COLLECTION_DUPLICATE',
    ]);
    const twice: CollectionDeclaration = { ...users, indexes: [users.indexes[0], users.indexes[0]] };
    expect(codes(planDeploy(inputs({ collections: { ok: true, value: [twice] } })))).toEqual(['INDEX_DUPLICATE']);
  });

  it('an unreadable declaration file', () => {
    expect(codes(planDeploy(inputs({ collections: { ok: false, error: 'permission: Invalid input' } })))).toEqual([
      'DECLARATION_INVALID',
    ]);
  });

  it('the weapp not built', () => {
    const plan = planDeploy(inputs({ weapp: { ...inputs().weapp, built: false } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({ code: 'WEAPP_NOT_BUILT', fix: '运行 npm run build:weapp' }),
    ]);
    expect(plan.steps.some((s) => s.kind === 'weapp')).toBe(false);
  });

  it.each([
    ['another environment', ['honglin-local']],
    ['no fixed environment', [null]],
    ['no cloud.init at all', []],
  ])('the weapp built for %s than the one deployed to', (_case, cloudEnvs) => {
    const plan = planDeploy(inputs({ weapp: { ...inputs().weapp, cloudEnvs } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'WEAPP_CLOUD_ENV_DIFFERS',
        message: expect.stringContaining('luyuan-7g2k'),
        fix: expect.stringContaining('npm run build:weapp'),
      }),
    ]);
    expect(problemsBlocking(plan.problems, ['database', 'functions'])).toEqual([]);
    expect(problemsBlocking(plan.problems, ['weapp'])).toHaveLength(1);
  });
});

describe('deploy plan warnings and manual tasks', () => {
  it('warns while QR codes and messages open a trial or develop version', () => {
    for (const miniProgramVersion of ['trial', 'develop'] as const) {
      const plan = planDeploy(inputs({ config: { ok: true, value: config({ miniProgramVersion }) } }));
      expect(plan.warnings.map((w) => w.code)).toEqual(['NOT_RELEASE_VERSION']);
      expect(plan.problems).toEqual([]);
    }
    const release = planDeploy(inputs({ config: { ok: true, value: config({ miniProgramVersion: 'release' }) } }));
    expect(release.warnings).toEqual([]);
  });

  it('warns when no first town admin is configured, or one does not look like an OPENID', () => {
    expect(
      planDeploy(inputs({ config: { ok: true, value: config({ firstTownAdmins: [] }) } })).warnings.map((w) => w.code),
    ).toEqual(['NO_FIRST_ADMIN']);
    expect(
      planDeploy(
        inputs({ config: { ok: true, value: config({ firstTownAdmins: ['demo-town-admin'] }) } }),
      ).warnings.map((w) => w.code),
    ).toEqual(['ADMIN_OPENID_SUSPICIOUS']);
  });

  it('warns when project.config.json opens another app', () => {
    expect(planDeploy(inputs({ projectAppId: 'touristappid' })).warnings.map((w) => w.code)).toEqual([
      'PROJECT_APP_ID_DIFFERS',
    ]);
  });

  it('reminds of the message push setting, and warns when image checks have no push configured', () => {
    const push = planDeploy(
      inputs({
        config: { ok: true, value: config({ messagePush: { function: 'user', events: ['wxa_media_check'] } }) },
      }),
    );
    expect(push.manual.map((t) => t.title)).toContain('消息推送');
    const imageChecks = planDeploy(
      inputs({ functions: [fn('pledge', { timeout: 10, permissions: { openapi: ['security.mediaCheckAsync'] } })] }),
    );
    expect(imageChecks.warnings.map((w) => w.code)).toEqual(['MESSAGE_PUSH_MISSING']);
  });
});

describe('describeStep', () => {
  it.each<[Step, string[]]>([
    [{ kind: 'collection', collection: 'users' }, ['users', '创建']],
    [
      { kind: 'indexes', collection: 'users', indexes: users.indexes },
      ['homeUnit_createdAt', 'homeUnitId ↑', 'createdAt ↓'],
    ],
    [{ kind: 'permission', collection: 'users', permission: 'ADMINONLY', rule: null }, ['ADMINONLY', '客户端一律拒绝']],
    [
      {
        kind: 'function',
        name: 'pledge',
        root: 'dist/cloudfunctions',
        timeout: 10,
        runtime: 'Nodejs16.13',
        openapi: ['security.msgSecCheck'],
      },
      ['dist/cloudfunctions/pledge', '10 秒', 'security.msgSecCheck'],
    ],
    [
      { kind: 'triggers', name: 'request', triggers: [{ name: 'sweep', type: 'timer', config: '0 */10 * * * * *' }] },
      ['sweep', '0 */10 * * * * *'],
    ],
    [
      { kind: 'weapp', appId: APP_ID, projectPath: 'dist/weapp', version: '0.1.0', description: 'abc123' },
      ['开发版 0.1.0', 'abc123', APP_ID],
    ],
  ])('%#: says what the step does', (step, parts) => {
    const line = describeStep(step);
    for (const part of parts) expect(line).toContain(part);
  });
});

describe('problemsBlocking (npm run deploy -- --only ...)', () => {
  const plan = planDeploy(
    inputs({
      config: { ok: true, value: config({ appId: 'touristappid' }) },
      functions: [fn('visit', { timeout: 10 }, null)],
    }),
  );

  it('lets the database be deployed while the weapp has no app id and a function is not built', () => {
    expect(problemsBlocking(plan.problems, ['database'])).toEqual([]);
  });

  it('stops the parts each problem concerns', () => {
    expect(problemsBlocking(plan.problems, ['weapp']).map((p) => p.code)).toEqual(['APP_ID_MISSING']);
    expect(problemsBlocking(plan.problems, ['functions']).map((p) => p.code)).toEqual(['FUNCTION_NOT_BUILT']);
    expect(problemsBlocking(plan.problems, ['database', 'functions', 'weapp'])).toHaveLength(2);
  });

  it('stops everything when the configuration cannot be read', () => {
    const broken = planDeploy(inputs({ config: { ok: false, error: 'bad' } }));
    for (const group of ['database', 'functions', 'weapp'] as const)
      expect(problemsBlocking(broken.problems, [group]).map((p) => p.code)).toContain('CONFIG_INVALID');
  });
});
