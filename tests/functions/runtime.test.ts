import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFunction } from '../../scripts/build-functions';
import { REPO_ROOT, sdkEnvironment, startLocalCloud, type LocalCloud } from '../../emulator/start';

/**
 * The function runtime every cloud function shares, driven through the local cloud with the real
 * wx-server-sdk: one envelope, one code per kind of failure, identity from the cloud context only.
 */
let cloud: LocalCloud;
let dataDir: string;
const cleanupDirs: string[] = [];

const TOWN = 'unit-town';
const VILLAGE_A = 'unit-village-a';
const VILLAGE_B = 'unit-village-b';

async function call(event: Record<string, unknown>, openid = 'o-villager'): Promise<Record<string, unknown>> {
  const outcome = await cloud.invoke('probe', event, { openid });
  if (!outcome.ok) throw new Error(`invocation failed: ${JSON.stringify(outcome)}`);
  return JSON.parse(outcome.responseData) as Record<string, unknown>;
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-runtime-'));
  // Inside the repository, so the bundle resolves wx-server-sdk from node_modules as a deployed one does.
  fs.mkdirSync(path.join(REPO_ROOT, '.test-data'), { recursive: true });
  const functionsDir = fs.mkdtempSync(path.join(REPO_ROOT, '.test-data', 'functions-'));
  cleanupDirs.push(functionsDir);
  await bundleFunction(
    path.join(__dirname, 'fixtures/runtime-probe/index.ts'),
    path.join(functionsDir, 'probe'),
    'probe',
  );
  cloud = await startLocalCloud({ dataDir, functionsDir });
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const users = sdk.database().collection('users');
  const grant = (role: string, unitId: string, unitPath: string[]) => ({
    role,
    unitId,
    unitPath,
    grantedAt: '',
    grantedBy: 'test',
  });
  await users.add({ data: { _id: 'o-town', roles: [grant('town_admin', TOWN, [TOWN])] } });
  await users.add({ data: { _id: 'o-village-a', roles: [grant('village_admin', VILLAGE_A, [TOWN, VILLAGE_A])] } });
  await users.add({ data: { _id: 'o-gone', roles: [grant('town_admin', TOWN, [TOWN])], deletedAt: new Date() } });
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkDb = () => (require('wx-server-sdk') as typeof import('wx-server-sdk')).database();

afterAll(async () => {
  await cloud?.stop();
  for (const dir of [dataDir, ...cleanupDirs]) fs.rmSync(dir, { recursive: true, force: true });
});

describe('envelope', () => {
  it('answers {ok:true,data} with the caller identified from the cloud context', async () => {
    expect(await call({ action: 'whoami' }, 'o-town')).toEqual({ ok: true, data: { openid: 'o-town', known: true } });
  });

  it('ignores an identity passed in the request', async () => {
    const answer = await call({ action: 'whoami', openid: 'o-town', userInfo: { openId: 'o-town' } }, 'o-villager');
    expect(answer).toEqual({ ok: true, data: { openid: 'o-villager', known: false } });
  });

  it('gives NOT_FOUND for an unknown action and for a missing one', async () => {
    for (const event of [{ action: 'dropTables' }, {}, { action: 'toString' }]) {
      const answer = await call(event);
      expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('gives INVALID_ARGUMENT with a Chinese message and the failing field', async () => {
    const answer = await call({ action: 'count', n: 0 });
    expect(answer).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '数量至少为1', details: [{ path: 'n', message: '数量至少为1' }] },
    });
    const missing = (await call({ action: 'count' })) as { error: { code: string; message: string } };
    expect(missing.error.code).toBe('INVALID_ARGUMENT');
    expect(missing.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('gives INVALID_ARGUMENT for input nested beyond a sane depth, before validating (never a stack overflow)', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i += 1) deep = [deep];
    const answer = await call({ action: 'count', n: 1, extra: deep });
    expect(answer).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: '提交的内容层级过深' } });
    let shallow: unknown = 1;
    for (let i = 0; i < 10; i += 1) shallow = { a: shallow };
    expect(await call({ action: 'count', n: 1, extra: shallow })).toEqual({ ok: true, data: { n: 1 } });
  });

  it('gives UNAUTHENTICATED when the cloud context has no OPENID', async () => {
    expect(await call({ action: 'whoami' }, '')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('passes a domain error through with its own code and message', async () => {
    expect(await call({ action: 'clash' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这条记录已被别人处理' },
    });
  });

  it('answers CONFLICT that may be retried when a transaction loses all its re-runs, having written nothing', async () => {
    expect(await call({ action: 'contended' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '很多人正在同时操作，请稍后再试', details: { retry: true } },
    });
    // The other writer won every time (the first run and ten re-runs); the transaction's write never landed.
    const { data } = (await sdkDb().collection('counters').doc('contended').get()) as { data: object };
    expect(data).toEqual({ _id: 'contended', runs: 11, by: 'the other writer' });
  });

  it('turns a crash into INTERNAL without leaking the database message or a stack', async () => {
    const answer = await call({ action: 'crash' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toMatch(/502005|collection|stack|at /);
  });
});

describe('declared access', () => {
  it('lets a role holder in and keeps everyone else out with FORBIDDEN', async () => {
    expect(await call({ action: 'townOnly' }, 'o-town')).toEqual({ ok: true, data: { grants: [TOWN] } });
    expect(await call({ action: 'townOnly' }, 'o-village-a')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await call({ action: 'townOnly' }, 'o-villager')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('checks scope: the role must be held in a unit on the target path', async () => {
    const inA = { action: 'inVillage', unitPath: [TOWN, VILLAGE_A, 'unit-block-a1'] };
    const inB = { action: 'inVillage', unitPath: [TOWN, VILLAGE_B] };
    expect(await call(inA, 'o-village-a')).toEqual({ ok: true, data: { depth: 3, roles: ['village_admin'] } });
    expect(await call(inB, 'o-village-a')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await call(inB, 'o-town')).toEqual({ ok: true, data: { depth: 2, roles: ['town_admin'] } });
  });

  it('treats a deleted account as holding no role', async () => {
    expect(await call({ action: 'townOnly' }, 'o-gone')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('runs a system action for the timer trigger only, never for a user', async () => {
    const timer = await cloud.invoke(
      'probe',
      { Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() },
      {},
    );
    expect(timer.ok && JSON.parse(timer.responseData)).toEqual({ ok: true, data: { swept: true, openid: '' } });
    expect(await call({ action: 'sweep' }, 'o-town')).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await call({ Type: 'Timer', TriggerName: 'sweep' }, 'o-town')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('runs a push action for a message-push event only', async () => {
    const event = { MsgType: 'event', Event: 'probe_event', trace_id: 't-1' };
    expect(await call(event, '')).toEqual({ ok: true, data: { pushed: 't-1' } });
    expect(await call({ action: 'probe_event', trace_id: 't-1' }, 'o-town')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await call({ MsgType: 'event', Event: 'whoami' }, 'o-town')).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
