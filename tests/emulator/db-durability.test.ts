import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startSdkCloud } from './helpers/sdk';

/**
 * Durability: a child process runs the local cloud and writes a burst through the real SDK, telling the
 * parent after each acknowledged write; the parent SIGKILLs it mid-burst and reopens the store.
 */
const REPO = path.resolve(__dirname, '..', '..');
const COLLECTIONS = [{ name: 'log', permission: 'ADMINONLY', indexes: [] }];

const writer = (dataDir: string, declarationFile: string): string => `
const { startLocalCloud, sdkEnvironment } = require(${JSON.stringify(path.join(REPO, 'emulator/start.ts'))});
(async () => {
  const cloud = await startLocalCloud({ dataDir: ${JSON.stringify(dataDir)}, declarationFile: ${JSON.stringify(declarationFile)} });
  Object.assign(process.env, sdkEnvironment(cloud));
  const sdk = require(${JSON.stringify(path.join(REPO, 'node_modules/wx-server-sdk'))});
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();
  // A transaction that is never committed.
  const pending = await db.startTransaction();
  await pending.collection('log').add({ data: { _id: 'pending', never: true } });
  for (let i = 0; ; i++) {
    await db.collection('log').add({ data: { _id: 'w' + i, i } });
    // Every few writes, a committed transaction writing a pair: both or neither may survive.
    if (i % 5 === 0) {
      const tx = await db.startTransaction();
      await tx.collection('log').add({ data: { _id: 'pa' + i, pair: i } });
      await tx.collection('log').add({ data: { _id: 'pb' + i, pair: i } });
      await tx.commit();
      process.stdout.write('pair ' + i + '\\n');
    }
    process.stdout.write('ack ' + i + '\\n');
  }
})();
`;

test('every acknowledged write survives SIGKILL; uncommitted and half transactions leave nothing', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-crash-'));
  const declarationFile = path.join(dataDir, 'declaration.json');
  fs.writeFileSync(declarationFile, JSON.stringify({ collections: COLLECTIONS }));
  const script = path.join(dataDir, 'writer.cjs');
  fs.writeFileSync(script, writer(path.join(dataDir, 'store'), declarationFile));

  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const acked: number[] = [];
  const pairs: number[] = [];
  await new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, n] = line.split(' ');
      (kind === 'ack' ? acked : pairs).push(Number(n));
      if (acked.length === 300) child.kill('SIGKILL');
    });
  });
  expect(child.signalCode).toBe('SIGKILL');

  const c = await startSdkCloud({ dataDir: path.join(dataDir, 'store'), collections: COLLECTIONS });
  try {
    const log = c.db.collection('log');
    const total = (await log.count()).total;
    const written = new Set<string>();
    for (let skip = 0; skip < total; skip += 1000) {
      for (const d of (await log.skip(skip).limit(1000).get()).data) written.add(String(d._id));
    }
    expect(acked.filter((i) => !written.has(`w${i}`))).toEqual([]);
    expect(pairs.filter((i) => !written.has(`pa${i}`) || !written.has(`pb${i}`))).toEqual([]);
    const halves = [...written].filter((id) => id.startsWith('pa') && !written.has(`pb${id.slice(2)}`));
    expect(halves).toEqual([]);
    expect(written.has('pending')).toBe(false);
  } finally {
    await c.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
