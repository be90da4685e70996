import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startLocalCloud } from '../../emulator/start';
import { startRuntimeCloud, type RuntimeCloud } from './fixtures/runtime-cloud';

let t: RuntimeCloud;
let h5Dir: string;

beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-h5-'));
  fs.mkdirSync(path.join(h5Dir, 'js'), { recursive: true });
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>红邻</title>');
  fs.writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.info(1)');
  t = await startRuntimeCloud({ gateway: true, h5Dir });
  const db = t.sdk.database();
  const grant = (role: string, unitId: string) => ({
    role,
    unitId,
    unitPath: [unitId],
    grantedAt: '',
    grantedBy: 'test',
  });
  await db.collection('units').add({
    data: { _id: 'gw-village', kind: 'village', name: '网关村', parentId: null, path: ['gw-village'], order: 1 },
  });
  const users = [
    {
      _id: 'gw-admin',
      nickname: '管理员甲',
      homeUnitId: 'gw-village',
      roles: [grant('village_admin', 'gw-village'), grant('member', 'gw-village')],
    },
    { _id: 'gw-member', nickname: '党员乙', homeUnitId: 'gw-village', roles: [grant('member', 'gw-village')] },
    { _id: 'gw-villager', nickname: '村民丙', homeUnitId: 'gw-village', roles: [] },
  ];
  for (const user of users) await db.collection('users').add({ data: user });
});

afterAll(async () => {
  await t.cleanup();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

async function api(fn: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.cloud.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the dev gateway', () => {
  test('refuses to start on anything but loopback', async () => {
    for (const host of ['0.0.0.0', '192.168.1.10', '::']) {
      await expect(startLocalCloud({ dataDir: t.dataDir, host, gateway: true })).rejects.toThrow(/loopback only/);
    }
  });

  test('POST /api/<fn> invokes the function as the X-Openid persona and answers its return value', async () => {
    const res = await api('whoami', { action: 'ping', n: 1 }, { 'x-openid': 'demo-member' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { wxContext: { OPENID: string }; event: unknown };
    expect(body.wxContext.OPENID).toBe('demo-member');
    expect(body.event).toEqual({ action: 'ping', n: 1 });
  });

  test('the persona cookie identifies the caller; no persona is a caller with no OPENID', async () => {
    const select = await fetch(`${t.cloud.url}/__personas/select?openid=demo-town-admin`, { redirect: 'manual' });
    expect(select.status).toBe(302);
    expect(select.headers.get('location')).toBe('/');
    const cookie = (select.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toBe('honglin_persona=demo-town-admin');
    const asAdmin = (await (await api('whoami', {}, { cookie })).json()) as { wxContext: { OPENID: string } };
    expect(asAdmin.wxContext.OPENID).toBe('demo-town-admin');
    const anonymous = (await (await api('whoami', {})).json()) as { wxContext: { OPENID: string } };
    expect(anonymous.wxContext.OPENID).toBe('');
  });

  test('a failed invocation is 502 {errCode, errMsg}; an unknown function 404', async () => {
    const crashed = await api('boom', {});
    expect(crashed.status).toBe(502);
    expect(await crashed.json()).toMatchObject({
      errCode: -504002,
      errMsg: expect.stringContaining('boom from a test function'),
    });
    const timedOut = await api('slow', {});
    expect(timedOut.status).toBe(502);
    expect(await timedOut.json()).toMatchObject({ errMsg: 'Invoking task timed out after 1 seconds' });
    expect((await api('nope', {})).status).toBe(404);
  });

  test('a result over 1 MB is refused like the mini-program client refuses it', async () => {
    const res = await api('whoami', { padding: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({ errCode: -604001, errMsg: 'cloudfunction result size exceed limit (1MB)' });
  });

  test('the persona page lists the users by role (one under each role held), in Chinese', async () => {
    const res = await fetch(`${t.cloud.url}/__personas`, { headers: { cookie: 'honglin_persona=gw-villager' } });
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<h1>切换身份</h1>');
    const section = (heading: string): string => new RegExp(`<h2>${heading}</h2><ul>(.*?)</ul>`).exec(html)?.[1] ?? '';
    expect(section('村管理员')).toContain('/__personas/select?openid=gw-admin');
    expect(section('党员')).toContain('管理员甲');
    expect(section('党员')).toContain('党员乙');
    expect(section('群众')).toMatch(/村民丙<\/a> <small>网关村 · gw-villager<\/small> <strong>（当前）<\/strong>/);
    expect(html).not.toContain('<h2>镇管理员</h2>');
  });

  test('upload and file display stand in for Taro.cloud', async () => {
    const form = new FormData();
    form.append('cloudPath', 'requests/r1/光.png');
    form.append('file', new Blob([Buffer.from([1, 2, 3, 4])], { type: 'image/png' }), 'x.png');
    const uploaded = (await (await fetch(`${t.cloud.url}/api/__upload`, { method: 'POST', body: form })).json()) as {
      fileID: string;
    };
    expect(uploaded.fileID).toBe('cloud://local.local-storage/requests/r1/光.png');
    const file = await fetch(`${t.cloud.url}/api/__file?fileID=${encodeURIComponent(uploaded.fileID)}`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect([...Buffer.from(await file.arrayBuffer())]).toEqual([1, 2, 3, 4]);
    expect((await fetch(`${t.cloud.url}/api/__file?fileID=cloud://local.local-storage/none.png`)).status).toBe(404);
  });

  test('the outbox is readable as JSON and HTML', async () => {
    await t.sdk.openapi.subscribeMessage.send({
      touser: 'demo-villager',
      templateId: 'local-requestAccepted',
      data: { thing1: { value: '路灯' } },
    });
    const json = (await (await fetch(`${t.cloud.url}/__outbox`)).json()) as { touser: string }[];
    expect(json.at(-1)).toMatchObject({ touser: 'demo-villager', templateId: 'local-requestAccepted' });
    const html = await (await fetch(`${t.cloud.url}/__outbox`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('订阅消息发件箱');
    expect(html).toContain('thing1：路灯');
  });

  test('serves a favicon, so page loads log no 404', async () => {
    const response = await fetch(`${t.cloud.url}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(1, 4)
        .toString('ascii'),
    ).toBe('PNG');
  });

  test('serves the H5 build; unknown paths without an extension get index.html; no escaping the folder', async () => {
    expect(await (await fetch(`${t.cloud.url}/`)).text()).toContain('<title>红邻</title>');
    const js = await fetch(`${t.cloud.url}/js/app.js`);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(await (await fetch(`${t.cloud.url}/some/page`)).text()).toContain('<title>红邻</title>');
    expect((await fetch(`${t.cloud.url}/missing.js`)).status).toBe(404);
    expect((await fetch(`${t.cloud.url}/js%2f..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(403);
  });
});

describe('the H5 build is sent compressed and cached like a production server sends it', () => {
  // A script and a style sheet under content-hashed names (as webpack names them), and a page of HTML.
  const script = `${'export function render(list){return list.map(function(item){return item.name});}\n'.repeat(400)}`;
  const style = `${'.card{padding:12px;border-radius:8px;background:#fff}\n'.repeat(300)}`;
  const page = `<!doctype html><title>红邻</title>${'<p>承诺践诺</p>'.repeat(300)}`;
  beforeAll(() => {
    fs.mkdirSync(path.join(h5Dir, 'css'), { recursive: true });
    fs.writeFileSync(path.join(h5Dir, 'js', 'app.1a2b3c4d.js'), script);
    fs.writeFileSync(path.join(h5Dir, 'css', 'app.0f9e8d7c.css'), style);
    fs.writeFileSync(path.join(h5Dir, 'about.html'), page);
  });

  /** A raw GET (fetch would decompress behind the test's back and send its own Accept-Encoding). */
  const get = (urlPath: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request(`${t.cloud.url}${urlPath}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });

  test('brotli when accepted, else gzip, else as is; JS, CSS and HTML alike', async () => {
    for (const [file, text] of [
      ['/js/app.1a2b3c4d.js', script],
      ['/css/app.0f9e8d7c.css', style],
      ['/about.html', page],
    ]) {
      const br = await get(file, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(zlib.brotliDecompressSync(br.body).toString('utf8')).toBe(text);
      expect(br.body.length).toBeLessThan(Buffer.byteLength(text) / 5);
      expect(Number(br.headers['content-length'])).toBe(br.body.length);

      const gzip = await get(file, { 'accept-encoding': 'gzip;q=1.0, br;q=0' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gzip.body).toString('utf8')).toBe(text);

      const plain = await get(file);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString('utf8')).toBe(text);
    }
    // Too small to be worth it: sent as is.
    expect((await get('/js/app.js', { 'accept-encoding': 'br' })).headers['content-encoding']).toBeUndefined();
  });

  test('hashed files are kept for a year; index.html and unhashed files are revalidated each load', async () => {
    expect((await get('/js/app.1a2b3c4d.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/css/app.0f9e8d7c.css')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const urlPath of ['/', '/index.html', '/some/page', '/js/app.js', '/about.html'])
      expect((await get(urlPath)).headers['cache-control']).toBe('no-cache');
    const first = await get('/', { 'accept-encoding': 'gzip' });
    const etag = first.headers.etag ?? '';
    expect(etag).not.toBe('');
    const again = await get('/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // A new build changes the file, and with it the tag: the next load gets it.
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>红邻</title><!-- rebuilt -->');
    const rebuilt = await get('/', { 'if-none-match': etag });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.toString('utf8')).toContain('rebuilt');
  });

  test('HEAD answers the headers of GET without a body', async () => {
    const head = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'br' }, 'HEAD');
    const full = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'br' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.headers['content-encoding']).toBe('br');
  });
});
