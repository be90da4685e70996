/**
 * The dry-run plan for this repository as it is: every declared collection and every function is in
 * it, nothing the code uses is missing from the declarations, and the shipped placeholder configuration
 * is refused with the fixes a town needs. Also runs the command itself, with secrets in its environment.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gatherInputs } from '../../scripts/deploy/gather';
import { planDeploy } from '../../scripts/deploy/plan';

const ROOT = path.resolve(__dirname, '../..');
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;
const declared = read<{ collections: { name: string }[] }>('cloudfunctions/database.json').collections.map(
  (c) => c.name,
);
const functionNames = fs
  .readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, 'cloudfunctions', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

/** Problems of the repository itself, whatever the town's configuration and the state of the builds. */
const REPOSITORY_PROBLEMS = [
  'CONFIG_INVALID',
  'DECLARATION_INVALID',
  'COLLECTION_DUPLICATE',
  'INDEX_DUPLICATE',
  'COLLECTION_UNDECLARED',
  'TEMPLATE_NOT_CONFIGURED',
  'TEMPLATE_FIELDS_DIFFER',
  'FUNCTION_CONFIG_MISSING',
  'FUNCTION_CONFIG_INVALID',
  'TRIGGER_CRON_INVALID',
];
/** Problems a fresh clone has until it builds (the weapp is built for the cloudEnv of the configuration). */
const BUILD_PROBLEMS = ['FUNCTION_NOT_BUILT', 'FUNCTION_BUILD_STALE', 'WEAPP_NOT_BUILT', 'WEAPP_CLOUD_ENV_DIFFERS'];

describe('the dry-run plan of this repository', () => {
  const plan = planDeploy(gatherInputs({ root: ROOT }));

  it('has none of the problems of a broken repository (undeclared collections, unconfigured templates, functions without config.json, bad crons)', () => {
    expect(plan.problems.filter((p) => REPOSITORY_PROBLEMS.includes(p.code))).toEqual([]);
  });

  it('creates every collection of cloudfunctions/database.json with its indexes and a client-denying rule', () => {
    expect(plan.steps.filter((s) => s.kind === 'collection').map((s) => s.collection)).toEqual(declared);
    expect(plan.steps.filter((s) => s.kind === 'permission').map((s) => s.collection)).toEqual(declared);
    const declaration = read<{ collections: { name: string; indexes?: { name: string }[] }[] }>(
      'cloudfunctions/database.json',
    );
    for (const c of declaration.collections) {
      const step = plan.steps.find((s) => s.kind === 'indexes' && s.collection === c.name);
      expect(step && step.kind === 'indexes' ? step.indexes.map((i) => i.name) : []).toEqual(
        (c.indexes ?? []).map((i) => i.name),
      );
    }
  });

  it('uploads every function of cloudfunctions/ that is built, with the timeout and triggers of its config.json', () => {
    const notBuilt = plan.problems.filter((p) => p.code === 'FUNCTION_NOT_BUILT').length;
    const functionSteps = plan.steps.filter((s) => s.kind === 'function');
    expect(functionSteps.length + notBuilt).toBe(functionNames.length);
    for (const step of functionSteps) {
      const config = read<{ timeout?: number; triggers?: unknown[] }>(`cloudfunctions/${step.name}/config.json`);
      expect(step.timeout).toBe(config.timeout ?? 3);
      const triggers = plan.steps.find((s) => s.kind === 'triggers' && s.name === step.name);
      expect(triggers && triggers.kind === 'triggers' ? triggers.triggers : null).toEqual(config.triggers ?? []);
      if (fs.existsSync(path.join(ROOT, 'dist/cloudfunctions', step.name, 'config.json'))) {
        const stale = plan.problems.some(
          (p) => p.code === 'FUNCTION_BUILD_STALE' && p.message.includes(` ${step.name} `),
        );
        if (!stale) expect(read(`dist/cloudfunctions/${step.name}/config.json`)).toEqual(config);
      }
    }
  });

  it('refuses the shipped placeholder configuration: app id, cloud environment and every local- template', () => {
    const templates = Object.keys(
      read<{ subscribeTemplates: Record<string, object> }>('config/honglin.json').subscribeTemplates,
    );
    const codes = plan.problems.map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['APP_ID_MISSING', 'CLOUD_ENV_MISSING']));
    expect(codes.filter((c) => c === 'TEMPLATE_LOCAL')).toHaveLength(templates.length);
  });

  it('with a filled configuration, only missing or old builds remain', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-deploy-'));
    const shipped = read<{ subscribeTemplates: Record<string, { id: string; fields: Record<string, string> }> }>(
      'config/honglin.json',
    );
    const filled = {
      ...shipped,
      appId: 'wx0123456789abcdef',
      cloudEnv: 'luyuan-7g2k',
      firstTownAdmins: ['oAbCdEfGhIjKlMnOpQrStUvWxYz0'],
      subscribeTemplates: Object.fromEntries(
        Object.entries(shipped.subscribeTemplates).map(([k, t]) => [k, { ...t, id: `Tmpl${k}` }]),
      ),
    };
    const configFile = path.join(dir, 'honglin.json');
    fs.writeFileSync(configFile, JSON.stringify(filled));
    const filledPlan = planDeploy(gatherInputs({ root: ROOT, configFile }));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(filledPlan.problems.filter((p) => !BUILD_PROBLEMS.includes(p.code))).toEqual([]);
  });
});

describe('npm run deploy -- --dry-run', () => {
  const secretId = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA';
  const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLEKEY';
  let output: { code: number; stdout: string };

  beforeAll(async () => {
    try {
      const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/deploy.ts', '--dry-run'], {
        cwd: ROOT,
        env: { ...process.env, TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey },
      });
      output = { code: 0, stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string };
      output = { code: failed.code, stdout: failed.stdout };
    }
  });

  it('exits non-zero on the placeholder configuration, printing each problem with its fix', () => {
    expect(output.code).toBe(1);
    expect(output.stdout).toContain('[APP_ID_MISSING]');
    expect(output.stdout).toContain('→ 在微信公众平台');
    expect(output.stdout).toMatch(/将按顺序执行 \d+ 步/);
  });

  it('never prints the secrets it was given, only that they are there', () => {
    expect(output.stdout).not.toContain(secretId);
    expect(output.stdout).not.toContain(secretKey);
    expect(output.stdout).not.toContain(secretKey.slice(0, 8));
    expect(output.stdout).toContain(`SecretId ${secretId.slice(0, 4)}****`);
  });
});

describe('docs/DEPLOY.md', () => {
  it('explains every problem and warning code the plan can report', () => {
    const codes = [
      ...fs.readFileSync(path.join(ROOT, 'scripts/deploy/plan.ts'), 'utf8').matchAll(/code: '([A-Z_]+)'/g),
    ].map((m) => m[1]);
    const guide = fs.readFileSync(path.join(ROOT, 'docs/DEPLOY.md'), 'utf8');
    expect(codes.length).toBeGreaterThan(15);
    expect(codes.filter((code) => !guide.includes(`\`${code}\``))).toEqual([]);
  });
});
