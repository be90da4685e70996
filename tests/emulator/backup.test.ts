/**
 * Backup and restore through the real wx-server-sdk and the local cloud: what is backed up from one data
 * folder and restored into a fresh one is the same, collection by collection, document by document
 * (dates as dates, numbers, nesting, geo points), across more than one page of 1000.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { connectLocal, type Connection } from '../../scripts/backup/connect';
import { decodeLine, readManifest, type Doc } from '../../scripts/backup/format';
import { backup, restore } from '../../scripts/backup/run';
import { exportCollection, type SdkDatabase } from '../../scripts/backup/transfer';
import { readDatabaseDeclaration } from '../../scripts/deploy/declaration';

const ROOT = path.resolve(__dirname, '../..');
const DECLARED = readDatabaseDeclaration(path.join(ROOT, 'cloudfunctions', 'database.json')).map((c) => c.name);
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

async function all(db: SdkDatabase, name: string): Promise<Doc[]> {
  const docs: Doc[] = [];
  for await (const doc of exportCollection(db, name)) docs.push(doc);
  return docs;
}

/** Varied documents: every kind of value the product stores. */
function seedDocuments(geoPoint: (lng: number, lat: number) => unknown): Record<string, Doc[]> {
  const at = new Date('2026-03-01T01:30:00.000Z');
  const timeline = Array.from({ length: 2345 }, (_, i) => ({
    _id: `t${String(i).padStart(5, '0')}`,
    subject: i % 2 ? 'pledge' : 'request',
    subjectId: `s${i % 97}`,
    event: 'accept',
    at: new Date(at.getTime() + i * 60_000),
    unitPath: ['town', `v${i % 7}`],
  }));
  return {
    users: [
      {
        _id: 'oAbCdEfGhIjKlMnOpQrStUvWxYz0',
        nickname: '李大爷',
        roles: [{ role: 'town_admin', unitId: 'town', unitPath: ['town'], grantedAt: '2026-01-01T00:00:00.000Z' }],
        createdAt: at,
        profile: { phone: '13800001111', birthday: null, lastSeen: new Date('2026-11-28T08:00:00.123Z') },
        score: 4.5,
        visits: 12,
        big: 2 ** 40,
        active: true,
        note: '第一行\n第二行 "引号" \\ 反斜杠 😀',
      },
      { _id: 'o2', nickname: '王', roles: [], createdAt: at, emptyList: [], emptyObject: {} },
    ],
    units: [{ _id: 'town', kind: 'town', name: '鹿原镇', parentId: null, path: ['town'], order: 0, createdAt: at }],
    places: [
      {
        _id: 'p1',
        name: '叶家祠',
        kind: 'red_site',
        location: geoPoint(113.5, 26.4),
        createdAt: at,
        unitPath: ['town'],
      },
    ],
    timeline,
  };
}

describe('backup and restore through the local cloud', () => {
  const sourceDir = tempDir('honglin-backup-source-');
  const targetDir = tempDir('honglin-backup-target-');
  const outRoot = tempDir('honglin-backups-');
  let source: Connection;
  let target: Connection;
  let seeded: Record<string, Doc[]>;
  let folder: string;

  beforeAll(async () => {
    source = await connectLocal(sourceDir);
    const { Geo } = source.db as unknown as { Geo: { Point(lng: number, lat: number): unknown } };
    seeded = seedDocuments((lng, lat) => Geo.Point(lng, lat));
    for (const [name, docs] of Object.entries(seeded)) {
      for (let i = 0; i < docs.length; i += 500) await source.db.collection(name).add({ data: docs.slice(i, i + 500) });
    }
    ({ folder } = await backup(source.db, {
      collections: DECLARED,
      outRoot,
      source: 'local',
      now: new Date('2026-11-28T13:45:01Z'),
    }));
    target = await connectLocal(targetDir);
    await restore(target.db, folder);
  });

  afterAll(async () => {
    await source?.close();
    await target?.close();
    for (const dir of [sourceDir, targetDir, outRoot]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one dated folder with a file per declared collection and a manifest of counts', () => {
    expect(path.basename(folder)).toBe('2026-11-28_214501');
    const manifest = readManifest(folder);
    expect(manifest.collections.map((c) => c.name)).toEqual(DECLARED);
    for (const entry of manifest.collections) {
      expect(entry.count).toBe(seeded[entry.name]?.length ?? 0);
      const lines = fs.readFileSync(path.join(folder, entry.file), 'utf8').split('\n').filter(Boolean);
      expect(lines).toHaveLength(entry.count);
    }
  });

  it('stores dates as canonical Extended JSON dates, one document per line', () => {
    const line = fs.readFileSync(path.join(folder, 'units.jsonl'), 'utf8').trim();
    expect(JSON.parse(line).createdAt).toEqual({
      $date: { $numberLong: String(Date.parse('2026-03-01T01:30:00.000Z')) },
    });
    expect(decodeLine(line).createdAt).toEqual(new Date('2026-03-01T01:30:00.000Z'));
  });

  it('restores every declared collection with the same document count', async () => {
    for (const name of DECLARED) {
      const [before, after] = await Promise.all([
        source.db.collection(name).count(),
        target.db.collection(name).count(),
      ]);
      expect({ name, total: after.total }).toEqual({ name, total: before.total });
    }
    expect((await target.db.collection('timeline').count()).total).toBe(2345);
  });

  it('restores every document with the same contents, dates as dates and geo points as geo points', async () => {
    for (const name of DECLARED) {
      expect(await all(target.db, name)).toEqual(await all(source.db, name));
    }
    const user = (await all(target.db, 'users')).find((u) => u._id === seeded.users[0]._id) as Doc;
    expect(user.createdAt).toBeInstanceOf(Date);
    expect((user.profile as { lastSeen: Date }).lastSeen.toISOString()).toBe('2026-11-28T08:00:00.123Z');
    expect(user).toMatchObject({ score: 4.5, visits: 12, big: 2 ** 40, active: true, note: seeded.users[0].note });
    const [place] = await all(target.db, 'places');
    expect(JSON.parse(JSON.stringify(place.location))).toEqual({ type: 'Point', coordinates: [113.5, 26.4] });
  });

  it('refuses to restore over collections that hold data, and replaces them when asked', async () => {
    await expect(restore(target.db, folder)).rejects.toThrow('--replace');
    await restore(target.db, folder, { replace: true });
    expect((await target.db.collection('timeline').count()).total).toBe(2345);
    expect((await target.db.collection('users').count()).total).toBe(2);
  });
});

describe('npm run backup and npm run restore', () => {
  it('round-trips a local data folder through the commands', async () => {
    const sourceDir = tempDir('honglin-cli-source-');
    const targetDir = tempDir('honglin-cli-target-');
    const outRoot = tempDir('honglin-cli-backups-');
    const seed = await connectLocal(sourceDir);
    await seed.db
      .collection('units')
      .add({ data: [{ _id: 'town', name: '鹿原镇', createdAt: new Date('2026-01-02T03:04:05Z') }] });
    await seed.close();

    const run = promisify(execFile);
    const backedUp = await run('npx', ['tsx', 'scripts/backup.ts', '--data-dir', sourceDir, '--out', outRoot], {
      cwd: ROOT,
    });
    expect(backedUp.stdout).toContain('共 1 条');
    const [folder] = fs.readdirSync(outRoot);
    const restored = await run(
      'npx',
      ['tsx', 'scripts/restore.ts', path.join(outRoot, folder), '--data-dir', targetDir],
      { cwd: ROOT },
    );
    expect(restored.stdout).toContain('完成');

    const check = await connectLocal(targetDir);
    expect(await all(check.db, 'units')).toEqual([
      { _id: 'town', name: '鹿原镇', createdAt: new Date('2026-01-02T03:04:05Z') },
    ]);
    await check.close();
    for (const dir of [sourceDir, targetDir, outRoot]) fs.rmSync(dir, { recursive: true, force: true });
  });
});
