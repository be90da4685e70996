import fs from 'node:fs';
import path from 'node:path';
import { TIME_LIMIT_SCALE_ENV, timeLimitScaleOf } from '../../emulator/functions/config';
import { parseCron } from '../../emulator/functions/cron';
import { SECRET_HEADER } from '../../emulator/http/doors';
import { startTimerScheduler } from '../../emulator/functions/timer';
import type { InvocationOutcome } from '../../emulator/functions/runtime';
import { REPO_ROOT } from '../../emulator/start';
import { answered, startRuntimeCloud, type RuntimeCloud } from './fixtures/runtime-cloud';

interface WhoamiResult {
  wxContext: { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string };
  event: Record<string, unknown>;
  context: { function_name: string; request_id: string; environ: string; time_limit_in_ms: number; namespace: string };
}

let t: RuntimeCloud;

beforeAll(async () => {
  // The cloud's own time limits (no test scale): this file tests them, and its fixture functions take milliseconds.
  t = await startRuntimeCloud({ maxInstancesPerFunction: 4, timeLimitScale: 1 });
});

afterAll(async () => {
  await t.cleanup();
});

async function invokeAs(openid: string | undefined, name: string, event: unknown): Promise<unknown> {
  const outcome = await t.cloud.invoke(name, event, openid ? { openid } : {});
  if (!outcome.ok) throw new Error(outcome.message);
  return JSON.parse(outcome.responseData);
}

describe('function invocation', () => {
  test('fifty concurrent invocations by fifty users each see only their own identity', async () => {
    const openids = Array.from({ length: 50 }, (_, i) => `user-${i}`);
    const results = (await Promise.all(
      openids.map((openid, i) => invokeAs(openid, 'whoami', { i, delayMs: (i * 7) % 40 })),
    )) as WhoamiResult[];
    results.forEach((r, i) => {
      expect(r.wxContext.OPENID).toBe(openids[i]);
      expect(r.event.i).toBe(i);
      expect(r.context.environ).toContain(`WX_OPENID=${openids[i]};`);
    });
    expect(t.cloud.functions.stats.coldStarts).toBeLessThanOrEqual(4);
  });

  test('the SDK callFunction answers the return value; an admin caller has no OPENID; the context is the cloud’s', async () => {
    const res = await answered(t.sdk.callFunction({ name: 'whoami', data: { hello: '你好' } }));
    const result = res.result as WhoamiResult;
    expect(result.event).toEqual({ hello: '你好' });
    expect(result.wxContext).toEqual({ OPENID: '', APPID: 'wx-local-app', UNIONID: '', ENV: 'local' });
    expect(result.context.function_name).toBe('whoami');
    expect(result.context.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.context.time_limit_in_ms).toBe(5000);
    expect(result.context.namespace).toBe('local');
    expect(res.errMsg).toBe('callFunction:ok');
  });

  test('the local cloud’s clock moves "now" of later invocations and puts it back; given dates stay', async () => {
    interface ClockAnswer {
      now: number;
      constructed: string;
      given: string;
      isDate: boolean;
    }
    const at = Date.parse('2030-05-31T16:00:00.000Z');
    t.cloud.functions.setClock(new Date(at));
    try {
      const moved = (await invokeAs(undefined, 'clock', {})) as ClockAnswer;
      // It runs on from the moment it was set: later than it, by less than the call took.
      expect(moved.now).toBeGreaterThanOrEqual(at);
      expect(moved.now - at).toBeLessThan(10 * 60_000);
      expect(Date.parse(moved.constructed)).toBeGreaterThanOrEqual(at);
      expect(moved.given).toBe('2026-03-15T02:00:00.000Z');
      expect(moved.isDate).toBe(true);
    } finally {
      t.cloud.functions.setClock(null);
    }
    const before = Date.now();
    const real = (await invokeAs(undefined, 'clock', {})) as ClockAnswer;
    expect(real.now).toBeGreaterThanOrEqual(before);
    expect(real.now).toBeLessThanOrEqual(Date.now());
  });

  // The wire answer is the cloud's {code, message}; wx-server-sdk 4.0.2 turns it into this rejection (errCode -1).
  test('a function that throws rejects the SDK call with the cloud’s function-error shape', async () => {
    await expect(t.sdk.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      errMsg: expect.stringMatching(/^callFunction:fail Error: boom from a test function/),
    });
  });

  test('a function that runs past its config.json timeout is killed; the caller gets a timeout error; the next call runs', async () => {
    // The fixture spins forever: the call can only come back because the runtime killed it.
    await expect(t.sdk.callFunction({ name: 'slow', data: { spin: true } })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      errMsg: expect.stringContaining('Invoking task timed out after 1 seconds'),
    });
    const outcome = await t.cloud.invoke('slow', {}, {});
    expect(outcome).toMatchObject({ ok: false, kind: 'timeout' });
    expect(t.cloud.functions.stats.timeouts).toBe(2);
  });

  test('an instance dying between invocations leaves the pool; the next call gets a fresh one', async () => {
    expect(await invokeAs('o-1', 'leaky', {})).toBe('answered');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await invokeAs('o-2', 'leaky', {})).toBe('answered');
  });

  test('an unknown function is refused', async () => {
    await expect(t.sdk.callFunction({ name: 'nope', data: {} })).rejects.toMatchObject({
      code: 'ResourceNotFound.Function',
      errMsg: expect.stringContaining('nope'),
    });
  });

  test('a function calling another through the SDK passes its caller on', async () => {
    const results = (await Promise.all(['alice', 'bob', 'carol'].map((o) => invokeAs(o, 'relay', {})))) as {
      outer: { OPENID: string };
      inner: { OPENID: string };
    }[];
    expect(results.map((r) => [r.outer.OPENID, r.inner.OPENID])).toEqual([
      ['alice', 'alice'],
      ['bob', 'bob'],
      ['carol', 'carol'],
    ]);
  });

  test('invocations beyond the instance cap wait in a queue, one per instance at a time', async () => {
    const capped = await startRuntimeCloud({ maxInstancesPerFunction: 2 });
    try {
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => capped.cloud.invoke('whoami', { delayMs: 200 }, { openid: `q-${i}` })),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      expect(capped.cloud.functions.stats.coldStarts).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    } finally {
      await capped.cleanup();
    }
  });
});

describe('timer triggers', () => {
  test('POST /__timer/<fn>/<trigger> passes the timer event and no OPENID', async () => {
    const res = await fetch(`${t.cloud.url}/__timer/whoami/nightly`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: t.cloud.secret },
    });
    expect(res.status).toBe(200);
    const result = (await res.json()) as WhoamiResult;
    expect(result.event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' });
    expect(result.event.Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(result.wxContext.OPENID).toBe('');
  });

  test('a trigger the function does not declare is 404', async () => {
    const res = await fetch(`${t.cloud.url}/__timer/whoami/hourly`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: t.cloud.secret },
    });
    expect(res.status).toBe(404);
  });

  test('the dev scheduler fires each declared trigger on its cron, with no OPENID', async () => {
    // Inside the repository, so the bundle resolves wx-server-sdk from node_modules as a deployed one does.
    fs.mkdirSync(path.join(REPO_ROOT, '.test-data'), { recursive: true });
    const functionsDir = fs.mkdtempSync(path.join(REPO_ROOT, '.test-data', 'scheduled-'));
    fs.mkdirSync(path.join(functionsDir, 'ticker'));
    fs.copyFileSync(
      path.join(t.cloud.functions.functionsDir, 'whoami', 'index.js'),
      path.join(functionsDir, 'ticker', 'index.js'),
    );
    fs.writeFileSync(
      path.join(functionsDir, 'ticker', 'config.json'),
      JSON.stringify({ triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }),
    );
    const scheduled = await startRuntimeCloud({ functionsDir });
    const fired: { fn: string; trigger: string; outcome: InvocationOutcome }[] = [];
    const stop = startTimerScheduler(scheduled.cloud.functions, (fn, trigger, outcome) =>
      fired.push({ fn, trigger, outcome }),
    );
    try {
      while (fired.length < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      stop();
      await scheduled.cleanup();
      fs.rmSync(functionsDir, { recursive: true, force: true });
    }
    const first = fired[0];
    expect([first.fn, first.trigger]).toEqual(['ticker', 'everySecond']);
    if (!first.outcome.ok) throw new Error(first.outcome.message);
    const result = JSON.parse(first.outcome.responseData) as WhoamiResult;
    expect(result.event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' });
    expect(result.wxContext.OPENID).toBe('');
  });

  test('the cron matcher reads the cloud’s seven fields in Beijing time', () => {
    const nightly = parseCron('0 0 2 * * * *');
    expect(nightly.matches(new Date('2026-11-27T18:00:00Z'))).toBe(true); // 02:00 in Beijing
    expect(nightly.matches(new Date('2026-11-28T02:00:00Z'))).toBe(false);
    const everyFive = parseCron('0 */5 * * * MON-FRI *');
    expect(everyFive.matches(new Date('2026-11-30T01:05:00Z'))).toBe(true); // Monday
    expect(everyFive.matches(new Date('2026-11-29T01:05:00Z'))).toBe(false); // Sunday
    expect(() => parseCron('* * *')).toThrow();
  });
});

// Last: these start clouds of their own, which point the SDK's environment at them.
describe('time limits in tests', () => {
  test('the test scale of time limits (HONGLIN_TIME_LIMIT_SCALE) lengthens a limit and still enforces it', async () => {
    const saved = process.env[TIME_LIMIT_SCALE_ENV];
    process.env[TIME_LIMIT_SCALE_ENV] = '2';
    const scaled = await startRuntimeCloud();
    try {
      const started = performance.now();
      const outcome = await scaled.cloud.invoke('slow', { spin: true }, {});
      expect(outcome).toMatchObject({ ok: false, kind: 'timeout', message: 'Invoking task timed out after 1 seconds' });
      expect(scaled.cloud.functions.stats.timeouts).toBe(1);
      // Stopped only after twice its 1 s limit (a busy machine can only make this later, never earlier).
      expect(performance.now() - started).toBeGreaterThanOrEqual(1900);
    } finally {
      await scaled.cleanup();
      if (saved === undefined) delete process.env[TIME_LIMIT_SCALE_ENV];
      else process.env[TIME_LIMIT_SCALE_ENV] = saved;
    }
  });

  test('the time-limit scale is 1 when unset and must be a positive number', () => {
    expect(timeLimitScaleOf({})).toBe(1);
    expect(timeLimitScaleOf({ [TIME_LIMIT_SCALE_ENV]: '6' })).toBe(6);
    expect(timeLimitScaleOf({ [TIME_LIMIT_SCALE_ENV]: '0.5' })).toBe(0.5);
    for (const bad of ['0', '-2', 'fast', 'Infinity'])
      expect(() => timeLimitScaleOf({ [TIME_LIMIT_SCALE_ENV]: bad })).toThrow(TIME_LIMIT_SCALE_ENV);
  });
});
