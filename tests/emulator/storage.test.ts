import fs from 'node:fs';
import path from 'node:path';
import { answered, startRuntimeCloud, type RuntimeCloud } from './fixtures/runtime-cloud';

let t: RuntimeCloud;

beforeAll(async () => {
  t = await startRuntimeCloud();
});

afterAll(async () => {
  await t.cleanup();
});

describe('storage through the real SDK', () => {
  const content = Buffer.from('红邻 storage round trip \u0000\u00ff binary', 'utf8');

  test('upload, temporary URL, download and delete round trip', async () => {
    const uploaded = await t.sdk.uploadFile({ cloudPath: 'pledges/照片 1.jpg', fileContent: content });
    expect(uploaded.fileID).toBe('cloud://local.local-storage/pledges/照片 1.jpg');

    const urls = await answered(t.sdk.getTempFileURL({ fileList: [uploaded.fileID] }));
    expect(urls.fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0 });
    const res = await fetch(encodeURI(urls.fileList[0].tempFileURL));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);

    const downloaded = await t.sdk.downloadFile({ fileID: uploaded.fileID });
    expect(Buffer.from(downloaded.fileContent as Buffer).equals(content)).toBe(true);

    const deleted = await answered(t.sdk.deleteFile({ fileList: [uploaded.fileID] }));
    expect(deleted.fileList).toEqual([{ fileID: uploaded.fileID, status: 0, errMsg: 'ok' }]);
    const after = await answered(t.sdk.getTempFileURL({ fileList: [uploaded.fileID] }));
    expect(after.fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: -503003, tempFileURL: '' });
    expect((await fetch(encodeURI(urls.fileList[0].tempFileURL))).status).toBe(404);
  });

  test('a temporary URL with a forged signature is refused', async () => {
    const { fileID } = await t.sdk.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('x') });
    const { fileList } = await answered(t.sdk.getTempFileURL({ fileList: [fileID] }));
    const forged = fileList[0].tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=00');
    expect((await fetch(forged)).status).toBe(403);
  });

  test('an upload URL is single-use', async () => {
    const answer = t.cloud.storage.handle({ action: 'storage.getUploadMetadata', path: 'once.txt' }) as {
      data: { url: string };
    };
    expect((await fetch(answer.data.url, { method: 'PUT', body: 'one' })).status).toBe(200);
    expect((await fetch(answer.data.url, { method: 'PUT', body: 'two' })).status).toBe(403);
    expect(t.cloud.storage.read(t.cloud.storage.fileIdOf('once.txt'))?.data.toString()).toBe('one');
  });

  test('paths that climb out of the bucket are refused', async () => {
    await expect(t.sdk.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') })).rejects.toMatchObject(
      {
        code: 'INVALID_PARAM',
      },
    );
    expect(t.cloud.storage.read('cloud://local.local-storage/../escape.txt')).toBeNull();
  });

  test('files live in the data folder', async () => {
    const { fileID } = await t.sdk.uploadFile({ cloudPath: 'kept/file.txt', fileContent: Buffer.from('kept') });
    expect(fileID.endsWith('kept/file.txt')).toBe(true);
    expect(fs.readFileSync(path.join(t.dataDir, 'storage', 'local-storage', 'kept', 'file.txt'), 'utf8')).toBe('kept');
  });
});
