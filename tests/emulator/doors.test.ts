import http from 'node:http';
import { SECRET_HEADER } from '../../emulator/http/doors';
import { startRuntimeCloud, type RuntimeCloud } from './fixtures/runtime-cloud';

/**
 * The local cloud's own doors: a web page the developer visits (or anything else on the machine without this
 * start's secret) must reach neither the database nor the timers, and the gateway takes only JSON from its
 * own loopback names.
 */
let t: RuntimeCloud;

beforeAll(async () => {
  t = await startRuntimeCloud({ gateway: true });
});

afterAll(async () => {
  await t.cleanup();
});

/** A raw HTTP request, so the Host header can be anything (fetch always sends the URL's). */
function raw(pathname: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.cloud.port, path: pathname, method: 'POST', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const insertBody = (id: string) =>
  JSON.stringify({
    action: 'database.insertDocument',
    collectionName: 'users',
    envName: 'local',
    data: [JSON.stringify({ _id: id, nickname: '闯入者' })],
  });

async function stored(id: string): Promise<number> {
  const users = t.sdk.database().collection('users');
  const { total } = await (users.where({ _id: id }).count() as Promise<{ total: number }>);
  return total;
}

describe('/admin, the SDK wire endpoint', () => {
  test('the real SDK, signing with the secret it got from sdkEnvironment, reads and writes', async () => {
    const users = t.sdk.database().collection('users');
    await (users.add({ data: { _id: 'door-sdk', nickname: '正常' } }) as Promise<unknown>);
    expect(await stored('door-sdk')).toBe(1);
  });

  test('a request without the secret writes nothing (401)', async () => {
    const res = await fetch(`${t.cloud.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: insertBody('door-nosecret'),
    });
    expect(res.status).toBe(401);
    expect(await stored('door-nosecret')).toBe(0);
  });

  test('a request signed with another SecretId writes nothing (401)', async () => {
    const res = await fetch(`${t.cloud.url}/admin`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'TC3-HMAC-SHA256 Credential=local-secret-id/2026-01-01/tcb/tc3_request, Signature=x',
      },
      body: insertBody('door-wrong'),
    });
    expect(res.status).toBe(401);
    expect(await stored('door-wrong')).toBe(0);
  });

  test('a function instance gets the secret through its environment: a nested callFunction works', async () => {
    const res = await fetch(`${t.cloud.url}/api/relay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': 'door-caller' },
      body: JSON.stringify({ n: 1 }),
    });
    expect(res.status).toBe(200);
  });
});

describe('/__timer, the timer endpoint', () => {
  test('fires only for a caller holding the secret', async () => {
    expect((await fetch(`${t.cloud.url}/__timer/whoami/nightly`, { method: 'POST' })).status).toBe(401);
    const wrong = await fetch(`${t.cloud.url}/__timer/whoami/nightly`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: 'local-guess' },
    });
    expect(wrong.status).toBe(401);
    const fired = await fetch(`${t.cloud.url}/__timer/whoami/nightly`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: t.cloud.secret },
    });
    expect(fired.status).toBe(200);
  });

  test('each start has its own secret', async () => {
    const other = await startRuntimeCloud({ gateway: true });
    try {
      expect(other.cloud.secret).not.toBe(t.cloud.secret);
      expect(other.cloud.secret.length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.cleanup();
      // The other start repointed this process's SDK environment: point it back.
      const { sdkEnvironment } = await import('../../emulator/start');
      Object.assign(process.env, sdkEnvironment(t.cloud));
    }
  });
});

describe('the gateway', () => {
  test('takes only application/json on /api: a form or text post from a web page invokes nothing', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw(
        '/api/whoami',
        { host: `127.0.0.1:${t.cloud.port}`, 'content-type': type, 'x-openid': 'door-form' },
        JSON.stringify({ action: 'ping' }),
      );
      expect(res.status).toBe(415);
      expect(res.text).not.toContain('door-form');
    }
    const json = await raw('/api/whoami', {
      host: `127.0.0.1:${t.cloud.port}`,
      'content-type': 'application/json; charset=utf-8',
    });
    expect(json.status).toBe(200);
  });

  test('answers only loopback names in the Host header (DNS rebinding)', async () => {
    for (const host of [`evil.example:${t.cloud.port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${t.cloud.port}`]) {
      const res = await raw('/api/whoami', { host, 'content-type': 'application/json' }, '{}');
      expect(res.status).toBe(421);
      expect((await raw('/admin', { host, 'content-type': 'application/json' }, insertBody('door-host'))).status).toBe(
        421,
      );
    }
    for (const host of [`127.0.0.1:${t.cloud.port}`, `localhost:${t.cloud.port}`, `[::1]:${t.cloud.port}`]) {
      expect((await raw('/api/whoami', { host, 'content-type': 'application/json' }, '{}')).status).toBe(200);
    }
    expect(await stored('door-host')).toBe(0);
  });

  test('an upload posted by another site’s page is refused', async () => {
    const form = new FormData();
    form.append('cloudPath', 'requests/door/x.png');
    form.append('file', new Blob([Buffer.from([1])], { type: 'image/png' }), 'x.png');
    const res = await fetch(`${t.cloud.url}/api/__upload`, {
      method: 'POST',
      body: form,
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    const own = await fetch(`${t.cloud.url}/api/__upload`, {
      method: 'POST',
      body: form,
      headers: { origin: t.cloud.url },
    });
    expect(own.status).toBe(200);
  });

  test('JSON nested beyond a sane depth is INVALID_ARGUMENT, never a stack overflow', async () => {
    for (const depth of [40, 100_000]) {
      const res = await fetch(`${t.cloud.url}/api/whoami`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"action":"ping","x":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: '提交的内容层级过深' },
      });
      expect(text).not.toMatch(/stack|Maximum call/i);
    }
  });
});
