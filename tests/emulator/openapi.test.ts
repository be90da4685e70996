import { extendWordList } from '../../emulator/openapi/content-check';
import { readMediaChecks, readOutbox, readQrCodes } from '../../emulator/openapi/records';
import { startRuntimeCloud, type RuntimeCloud } from './fixtures/runtime-cloud';

let t: RuntimeCloud;

beforeAll(async () => {
  t = await startRuntimeCloud();
});

afterAll(async () => {
  await t.cleanup();
});

// wx-server-sdk 4.0.2's openapi typings predate v2 of msgSecCheck; the call shape is WeChat's documented one.
type MsgSecCheckV2 = (data: { content: string; version: 2; scene: number; openid: string }) => Promise<{
  errCode: number;
  errMsg: string;
  result: { suggest: string; label: number };
  detail: { strategy: string; suggest: string; label: number; keyword?: string }[];
  traceId: string;
}>;
const msgSecCheck = (): MsgSecCheckV2 => t.sdk.openapi.security.msgSecCheck as unknown as MsgSecCheckV2;

describe('security.msgSecCheck v2 against the word list', () => {
  test('clean text passes', async () => {
    const answer = await msgSecCheck()({
      content: '村口的路灯坏了，请帮忙修一下',
      version: 2,
      scene: 2,
      openid: 'o-1',
    });
    expect(answer).toMatchObject({
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
      result: { suggest: 'pass', label: 100 },
    });
    expect(answer.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  test('a listed word is risky with its label and the keyword in the detail', async () => {
    const answer = await msgSecCheck()({ content: '有人在村里组织赌博', version: 2, scene: 2, openid: 'o-1' });
    expect(answer.result).toEqual({ suggest: 'risky', label: 20006 });
    expect(answer.detail).toContainEqual(
      expect.objectContaining({ strategy: 'keyword', keyword: '赌博', suggest: 'risky' }),
    );
  });

  test('a review word gives review', async () => {
    const answer = await msgSecCheck()({ content: '测试待审词', version: 2, scene: 1, openid: 'o-1' });
    expect(answer.result).toEqual({ suggest: 'review', label: 21000 });
  });

  test('tests extend the list at run time through the data folder', async () => {
    const word = `临时词${Date.now()}`;
    expect((await msgSecCheck()({ content: word, version: 2, scene: 2, openid: 'o-1' })).result.suggest).toBe('pass');
    extendWordList(t.dataDir, [{ word, label: 20003 }]);
    expect((await msgSecCheck()({ content: word, version: 2, scene: 2, openid: 'o-1' })).result).toEqual({
      suggest: 'risky',
      label: 20003,
    });
  });

  test('v2 without an openid fails like WeChat (the SDK rejects)', async () => {
    await expect(msgSecCheck()({ content: 'x', version: 2, scene: 2, openid: '' })).rejects.toMatchObject({
      errCode: 40003,
    });
  });
});

describe('security.mediaCheckAsync', () => {
  test('accepts with a trace id and records the verdict; a marked path is risky', async () => {
    const check = t.sdk.openapi.security.mediaCheckAsync as unknown as (
      d: Record<string, unknown>,
    ) => Promise<{ errCode: number; traceId: string }>;
    const clean = await check({
      mediaUrl: 'http://127.0.0.1/photos/field.jpg',
      mediaType: 2,
      version: 2,
      scene: 1,
      openid: 'o-2',
    });
    const rejected = await check({
      mediaUrl: 'http://127.0.0.1/photos/REJECTED-IMAGE.jpg',
      mediaType: 2,
      version: 2,
      scene: 1,
      openid: 'o-2',
    });
    expect(clean.errCode).toBe(0);
    const records = readMediaChecks(t.dataDir);
    expect(records.find((r) => r.traceId === clean.traceId)).toMatchObject({
      suggest: 'pass',
      openid: 'o-2',
      mediaType: 2,
    });
    expect(records.find((r) => r.traceId === rejected.traceId)).toMatchObject({ suggest: 'risky', label: 20002 });

    await t.cloud.settled();
    expect(pushed(rejected.traceId)).toMatchObject({
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: rejected.traceId,
      result: { suggest: 'risky', label: 20002 },
    });
  });

  test('asked inside an invocation, the verdict is pushed when that invocation ends, before its caller has the answer', async () => {
    const outcome = await t.cloud.invoke('checker', { url: 'http://127.0.0.1/x/REVIEW-IMAGE.png' }, { openid: 'o-3' });
    if (!outcome.ok) throw new Error(outcome.message);
    const { traceId } = JSON.parse(outcome.responseData) as { traceId: string };
    expect(pushed(traceId)).toMatchObject({ FromUserName: 'o-3', result: { suggest: 'review', label: 21000 } });
  });
});

/** The event the fixture push receiver stored for a trace id. */
function pushed(traceId: string): Record<string, unknown> | null {
  const file = t.cloud.storage.read(t.cloud.storage.fileIdOf(`pushes/${traceId}.json`));
  return file ? (JSON.parse(file.data.toString('utf8')) as Record<string, unknown>) : null;
}

describe('subscribeMessage.send', () => {
  test('the message lands in the outbox instead of a phone', async () => {
    const answer = await t.sdk.openapi.subscribeMessage.send({
      touser: 'o-resident',
      templateId: 'tpl-request-accepted',
      page: 'pages/request/detail?id=r1',
      data: { thing1: { value: '路灯维修' }, phrase2: { value: '已签收' } },
      miniprogramState: 'developer',
    });
    expect(answer).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    const outbox = readOutbox(t.dataDir);
    expect(outbox.at(-1)).toMatchObject({
      touser: 'o-resident',
      templateId: 'tpl-request-accepted',
      page: 'pages/request/detail?id=r1',
      data: { thing1: { value: '路灯维修' }, phrase2: { value: '已签收' } },
    });
  });

  test('a message without a template is refused', async () => {
    const send = t.sdk.openapi.subscribeMessage.send as unknown as (d: Record<string, unknown>) => Promise<unknown>;
    await expect(send({ touser: 'o-resident', data: {} })).rejects.toMatchObject({ errCode: 40037 });
  });
});

describe('open-API permissions', () => {
  test('a function may call only the open APIs its config.json permissions.openapi lists', async () => {
    const outcome = await t.cloud.invoke(
      'checker',
      { url: 'http://127.0.0.1/x.png', qrScene: 's1' },
      { openid: 'o-4' },
    );
    expect(outcome).toMatchObject({ ok: false, kind: 'error', message: expect.stringContaining('-604101') });
  });
});

describe('wxacode.getUnlimited', () => {
  test('answers a real PNG for the scene as result.buffer', async () => {
    const answer = (await t.sdk.openapi.wxacode.getUnlimited({
      scene: 'a=act1&c=123456',
      page: 'pages/activity/checkin',
      width: 300,
    })) as unknown as {
      contentType: string;
      buffer: Buffer;
      errCode: number;
    };
    expect(answer.errCode).toBe(0);
    expect(answer.contentType).toBe('image/png');
    const png = Buffer.from(answer.buffer);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(0);
    expect(width).toBe(height);
  });

  test('a scene over 32 characters is refused like WeChat', async () => {
    await expect(t.sdk.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({
      errCode: 40169,
    });
  });

  test('records the version each code opens (env_version, check_path) and refuses an unknown version', async () => {
    await t.sdk.openapi.wxacode.getUnlimited({
      scene: 'i=ABCDEFGH',
      page: 'packages/account/redeem',
      envVersion: 'trial',
      checkPath: false,
    } as Parameters<typeof t.sdk.openapi.wxacode.getUnlimited>[0]);
    expect(readQrCodes(t.dataDir).at(-1)).toMatchObject({
      page: 'packages/account/redeem',
      scene: 'i=ABCDEFGH',
      envVersion: 'trial',
      checkPath: false,
    });
    await expect(
      t.sdk.openapi.wxacode.getUnlimited({ scene: 'x', envVersion: 'beta' } as Parameters<
        typeof t.sdk.openapi.wxacode.getUnlimited
      >[0]),
    ).rejects.toMatchObject({ errCode: 40097 });
  });
});
