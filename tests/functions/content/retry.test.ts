import fs from 'node:fs';
import { mediaCheckOutageFile } from '../../../emulator/openapi/records';
import { P, code, ok, rid, startWorld, type World } from '../request/world';

/**
 * An image check that could not be started (WeChat unreachable when the photo was stored) is started by the
 * `retryImageChecks` timer once it can be, and its verdict then honoured: in a cloud of its own, so the outage
 * touches no other test.
 */
let w: World;

beforeAll(async () => {
  w = await startWorld('image-retry');
});

afterAll(async () => {
  await w?.stop();
});

async function photosOf(id: string): Promise<string[]> {
  const { data } = (await w.db.collection('requests').doc(id).get()) as unknown as { data: { photos: string[] } };
  return data.photos;
}

it('keeps retrying a check that could not start until it starts, then takes the refused photo off and out of storage', async () => {
  const good = await w.upload('retry/kept.png');
  const bad = await w.upload('retry/REJECTED-IMAGE.png');
  fs.writeFileSync(mediaCheckOutageFile(w.dataDir), '');
  const id = ok(
    await w.call(
      'request',
      'submit',
      { requestId: rid(), category: 'help', text: '桥边护栏断了一截', photos: [good, bad] },
      P.villager,
    ),
  ).id as string;
  expect(w.mediaChecks()).toEqual([]);

  // Still unreachable: nothing starts, nothing is lost.
  expect(ok(await w.fire('user', 'retryImageChecks'))).toEqual({ started: 0, waiting: 2 });
  expect(await photosOf(id)).toEqual([good, bad]);

  fs.rmSync(mediaCheckOutageFile(w.dataDir));
  expect(ok(await w.fire('user', 'retryImageChecks'))).toEqual({ started: 2, waiting: 0 });
  expect(
    w
      .mediaChecks()
      .map((c) => c.suggest)
      .sort(),
  ).toEqual(['pass', 'risky']);
  expect(await photosOf(id)).toEqual([good]);
  await expect(w.sdk.downloadFile({ fileID: bad })).rejects.toBeTruthy();
  expect(ok(await w.fire('user', 'retryImageChecks'))).toEqual({ started: 0, waiting: 0 });
});

it('refuses the retry timer to a user', async () => {
  expect(code(await w.call('user', 'retryImageChecks', {}, P.villager))).toBe('FORBIDDEN');
});
