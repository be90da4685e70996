import { DEFAULT_MESSAGES } from '@honglin/types/envelope';
import { callCloud, imageUrl, uploadImage } from '@/api/transport';

/** The H5 transport's own mapping of what fetch gives back (a stub); the real gateway is exercised by the e2e tests. */
type FetchImpl = (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

function installFetch(impl: FetchImpl) {
  const stub = jest.fn<Promise<Response>, Parameters<FetchImpl>>(impl);
  globalThis.fetch = stub as typeof fetch;
  return stub;
}

function answerWith(status: number, body: string): FetchImpl {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

describe('callCloud in H5', () => {
  test('posts { ...data, action } as JSON to /api/<function>', async () => {
    const stub = installFetch(answerWith(200, JSON.stringify({ ok: true, data: { id: 'r1' } })));
    await callCloud('request', 'get', { id: 'r1' });
    const [url, init] = stub.mock.calls[0];
    expect(url).toBe('/api/request');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ id: 'r1', action: 'get' });
  });

  test('passes a success envelope through with its data', async () => {
    installFetch(answerWith(200, JSON.stringify({ ok: true, data: { id: 'r1' } })));
    await expect(callCloud<{ id: string }>('request', 'get', {})).resolves.toEqual({ ok: true, data: { id: 'r1' } });
  });

  test("passes a function's error envelope through with its code, message and details", async () => {
    const error = { code: 'CONFLICT', message: '诉求已被他人签收', details: { status: 'accepted' } };
    installFetch(answerWith(200, JSON.stringify({ ok: false, error })));
    await expect(callCloud('request', 'accept', {})).resolves.toEqual({ ok: false, error });
  });

  test('an error envelope without a message gets the default Chinese message of its code', async () => {
    installFetch(answerWith(200, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '' } })));
    await expect(callCloud('request', 'accept', {})).resolves.toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: DEFAULT_MESSAGES.FORBIDDEN },
    });
  });

  test('fetch rejecting (no network) becomes NETWORK', async () => {
    installFetch(async () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(callCloud('request', 'get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'NETWORK', message: DEFAULT_MESSAGES.NETWORK },
    });
  });

  test('HTTP 502 from a failed invocation becomes INTERNAL', async () => {
    installFetch(answerWith(502, JSON.stringify({ errCode: -504002, errMsg: 'functions execute fail' })));
    await expect(callCloud('request', 'get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL },
    });
  });

  test.each([
    ['a body that is not JSON', '<html>oops</html>'],
    ['JSON that is not an envelope', JSON.stringify({ id: 'r1' })],
    ['an error envelope with an unknown code', JSON.stringify({ ok: false, error: { code: 'TEAPOT', message: 'x' } })],
  ])('%s becomes INTERNAL', async (_name, body) => {
    installFetch(answerWith(200, body));
    await expect(callCloud('request', 'get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL },
    });
  });
});

describe('callCloud when a crowd writes one record at once', () => {
  const busy = { code: 'CONFLICT', message: '很多人正在同时操作，请稍后再试', details: { retry: true } };
  const answers = (...bodies: object[]) => {
    let i = 0;
    return installFetch(async () => new Response(JSON.stringify(bodies[Math.min(i++, bodies.length - 1)])));
  };

  test('makes the call again after a CONFLICT that wrote nothing, and gives the answer that came', async () => {
    const stub = answers({ ok: false, error: busy }, { ok: false, error: busy }, { ok: true, data: { mode: 'qr' } });
    await expect(callCloud('activity', 'checkin', { id: 'a1' })).resolves.toEqual({ ok: true, data: { mode: 'qr' } });
    expect(stub).toHaveBeenCalledTimes(3);
    for (const [, init] of stub.mock.calls)
      expect(JSON.parse(String(init?.body))).toEqual({ id: 'a1', action: 'checkin' });
  });

  test('stops after three calls and gives the CONFLICT with its message', async () => {
    const stub = answers({ ok: false, error: busy });
    await expect(callCloud('activity', 'checkin', { id: 'a1' })).resolves.toEqual({ ok: false, error: busy });
    expect(stub).toHaveBeenCalledTimes(3);
  });

  test('never makes again a CONFLICT of the record’s state (someone else moved it)', async () => {
    const moved = { code: 'CONFLICT', message: '诉求已被他人签收' };
    const stub = answers({ ok: false, error: moved }, { ok: true, data: {} });
    await expect(callCloud('request', 'accept', { id: 'r1' })).resolves.toEqual({ ok: false, error: moved });
    expect(stub).toHaveBeenCalledTimes(1);
  });
});

describe('uploadImage in H5', () => {
  test('posts the picture and its cloudPath as multipart to /api/__upload and gives the fileID', async () => {
    const fileID = 'cloud://local.honglin/requests/a.png';
    const stub = installFetch(async (url) =>
      String(url).startsWith('blob:')
        ? new Response(new Blob(['png-bytes'], { type: 'image/png' }))
        : new Response(JSON.stringify({ fileID }), { status: 200 }),
    );
    await expect(uploadImage('blob:http://127.0.0.1/1', 'requests/a.png')).resolves.toEqual({
      ok: true,
      data: { fileID },
    });
    const [url, init] = stub.mock.calls[1];
    expect(url).toBe('/api/__upload');
    const form = init?.body as FormData;
    expect(form.get('cloudPath')).toBe('requests/a.png');
    expect(form.get('file')).toBeInstanceOf(Blob);
  });

  test('an answer without a cloud:// fileID becomes INTERNAL', async () => {
    installFetch(async (url) =>
      String(url).startsWith('blob:')
        ? new Response(new Blob(['x']))
        : new Response(JSON.stringify({ url: '/x' }), { status: 200 }),
    );
    await expect(uploadImage('blob:http://127.0.0.1/1', 'requests/a.png')).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL },
    });
  });
});

test('imageUrl in H5 points at the gateway file route with the id encoded', () => {
  expect(imageUrl('cloud://env.x/a b.png')).toBe('/api/__file?fileID=cloud%3A%2F%2Fenv.x%2Fa%20b.png');
});
