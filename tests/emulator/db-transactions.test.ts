import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../emulator/db';
import { startSdkCloud, type SdkCloud } from './helpers/sdk';

/** Transactions through the real SDK: snapshot reads, own writes, atomic commit, abort, conflicts and retries. */
let c: SdkCloud;
const counters = () => c.db.collection('counters');
const read = async (id: string): Promise<Record<string, unknown>> =>
  (await counters().doc(id).get()).data as Record<string, unknown>;

beforeAll(async () => {
  c = await startSdkCloud({
    collections: [
      { name: 'counters' },
      { name: 'phones', indexes: [{ name: 'phone', keys: [{ field: 'phone', direction: 1 }], unique: true }] },
    ],
  });
});
afterAll(() => c.cleanup());

test('reads see the snapshot at start plus own writes; others see nothing until commit', async () => {
  await counters().add({
    data: [
      { _id: 's-a', n: 1 },
      { _id: 's-b', n: 1 },
    ],
  });
  const tx = await c.db.startTransaction();
  expect((await tx.collection('counters').doc('s-a').get()).data).toMatchObject({ n: 1 });
  // Changed outside after the transaction started: the transaction still sees its snapshot.
  await counters()
    .doc('s-a')
    .update({ data: { n: 2 } });
  await counters()
    .doc('s-b')
    .update({ data: { n: 2 } });
  expect((await tx.collection('counters').doc('s-a').get()).data).toMatchObject({ n: 1 });
  expect((await tx.collection('counters').doc('s-b').get()).data).toMatchObject({ n: 1 });
  await tx
    .collection('counters')
    .doc('s-new')
    .set({ data: { n: 9 } });
  expect((await tx.collection('counters').doc('s-new').get()).data).toMatchObject({ n: 9 });
  await expect(counters().doc('s-new').get()).rejects.toThrow('does not exist');
  await tx.rollback();
});

test('commit applies every write at once; abort applies none', async () => {
  await counters().add({
    data: [
      { _id: 'c-a', n: 1 },
      { _id: 'c-b', n: 1 },
    ],
  });
  const tx = await c.db.startTransaction();
  await tx
    .collection('counters')
    .doc('c-a')
    .update({ data: { n: c.db.command.inc(10) } });
  await tx.collection('counters').doc('c-b').remove();
  await tx.collection('counters').add({ data: { _id: 'c-c', n: 3 } });
  expect(await read('c-a')).toMatchObject({ n: 1 });
  expect(await read('c-b')).toMatchObject({ n: 1 });
  await tx.commit();
  expect(await read('c-a')).toMatchObject({ n: 11 });
  await expect(counters().doc('c-b').get()).rejects.toThrow('does not exist');
  expect(await read('c-c')).toMatchObject({ n: 3 });

  const aborted = await c.db.startTransaction();
  await aborted
    .collection('counters')
    .doc('c-a')
    .update({ data: { n: 0 } });
  await aborted.collection('counters').add({ data: { _id: 'c-d', n: 4 } });
  await aborted.rollback();
  expect(await read('c-a')).toMatchObject({ n: 11 });
  await expect(counters().doc('c-d').get()).rejects.toThrow('does not exist');
});

test('a commit that fails (duplicate key) leaves nothing partial', async () => {
  await c.db.collection('phones').add({ data: { _id: 'p1', phone: '1' } });
  await counters().add({ data: { _id: 'f-a', n: 1 } });
  const tx = await c.db.startTransaction();
  await tx
    .collection('counters')
    .doc('f-a')
    .update({ data: { n: 2 } });
  await tx.collection('phones').add({ data: { phone: '1' } });
  await expect(tx.commit()).rejects.toMatchObject({
    code: 'DATABASE_REQUEST_FAILED',
    message: expect.stringContaining('duplicate key'),
  });
  expect(await read('f-a')).toMatchObject({ n: 1 });
  expect((await c.db.collection('phones').count()).total).toBe(1);
});

test('runTransaction: a throwing callback rolls back and rejects with its error', async () => {
  await counters().add({ data: { _id: 'r-a', n: 1 } });
  await expect(
    c.db.runTransaction(async (tx) => {
      await tx
        .collection('counters')
        .doc('r-a')
        .update({ data: { n: 100 } });
      throw new Error('业务失败');
    }),
  ).rejects.toThrow('业务失败');
  expect(await read('r-a')).toMatchObject({ n: 1 });
});

test('two transactions writing the same document: the second to commit conflicts', async () => {
  await counters().add({ data: { _id: 'x-a', n: 0 } });
  const first = await c.db.startTransaction();
  const second = await c.db.startTransaction();
  await first
    .collection('counters')
    .doc('x-a')
    .update({ data: { n: 1 } });
  await second
    .collection('counters')
    .doc('x-a')
    .update({ data: { n: 2 } });
  await first.commit();
  await expect(second.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await read('x-a')).toMatchObject({ n: 1 });

  // A non-transactional write to a document the transaction read also makes its commit conflict.
  const third = await c.db.startTransaction();
  const seen = (await third.collection('counters').doc('x-a').get()).data as { n: number };
  await counters()
    .doc('x-a')
    .update({ data: { n: 50 } });
  await third
    .collection('counters')
    .doc('x-b')
    .set({ data: { copy: seen.n } });
  await expect(third.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  await expect(counters().doc('x-b').get()).rejects.toThrow('does not exist');
});

test('runTransaction retries on conflict: 10 concurrent read-increment-write transactions all count', async () => {
  await counters().add({ data: { _id: 'inc', n: 0 } });
  let attempts = 0;
  const increment = () =>
    c.db.runTransaction(async (tx) => {
      attempts += 1;
      const doc = (await tx.collection('counters').doc('inc').get()).data as { n: number };
      await tx
        .collection('counters')
        .doc('inc')
        .update({ data: { n: doc.n + 1 } });
      return doc.n + 1;
    }, 10);
  const results = await Promise.all(Array.from({ length: 10 }, increment));
  expect(await read('inc')).toMatchObject({ n: 10 });
  expect([...results].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(attempts).toBeGreaterThan(10);
});

test('query operations are refused inside a transaction', async () => {
  const tx = await c.db.startTransaction();
  await expect(tx.collection('counters').where({ n: 1 }).get()).rejects.toThrow('not allowed in a transaction');
  await tx.rollback();
});

test('a transaction left open expires and its writes are discarded', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-tx-'));
  const declarationFile = path.join(dataDir, 'declaration.json');
  fs.writeFileSync(
    declarationFile,
    JSON.stringify({ collections: [{ name: 'k', permission: 'ADMINONLY', indexes: [] }] }),
  );
  const db = openDatabase({ dataDir, declarationFile, transactionTimeoutMs: 100 });
  try {
    const { transactionId } = await db.handle({ action: 'database.startTransaction' });
    await db.handle({
      action: 'database.insertDocument',
      collectionName: 'k',
      transactionId,
      data: [JSON.stringify({ _id: 'late' })],
    });
    await new Promise((r) => setTimeout(r, 250));
    const commit = await db.handle({ action: 'database.commitTransaction', transactionId });
    expect(commit).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('expired') });
    const count = await db.handle({ action: 'database.calculateDocument', collectionName: 'k', queryType: 'WHERE' });
    expect(count.data).toEqual({ total: 0 });
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
