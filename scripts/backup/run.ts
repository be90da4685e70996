/** A backup of every declared collection into a new dated folder, and a restore of such a folder. */
import fs from 'node:fs';
import path from 'node:path';
import {
  BACKUP_FORMAT,
  backupFolderName,
  encodeLine,
  readDocuments,
  readManifest,
  writeManifest,
  type BackupManifest,
} from './format';
import {
  clearCollection,
  collectionExists,
  countDocuments,
  ensureCollection,
  exportCollection,
  importDocuments,
  writeLines,
  type SdkDatabase,
} from './transfer';

async function* lines(db: SdkDatabase, name: string): AsyncGenerator<string> {
  if (!(await collectionExists(db, name))) return;
  for await (const doc of exportCollection(db, name)) yield encodeLine(doc);
}

/** Exports the collections into `<outRoot>/<date-time>/`; returns that folder and its manifest. */
export async function backup(
  db: SdkDatabase,
  options: { collections: string[]; outRoot: string; source: string; now?: Date; log?: (line: string) => void },
): Promise<{ folder: string; manifest: BackupManifest }> {
  const takenAt = options.now ?? new Date();
  const folder = path.join(options.outRoot, backupFolderName(takenAt));
  if (fs.existsSync(folder)) throw new Error(`${folder} 已经存在`);
  fs.mkdirSync(folder, { recursive: true });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    source: options.source,
    takenAt: takenAt.toISOString(),
    collections: [],
  };
  for (const name of options.collections) {
    const file = `${name}.jsonl`;
    const count = await writeLines(path.join(folder, file), lines(db, name));
    manifest.collections.push({ name, file, count });
    options.log?.(`  ${name.padEnd(16)} ${count} 条`);
  }
  writeManifest(folder, manifest);
  return { folder, manifest };
}

/**
 * Loads a backup folder into the database. A collection that already holds documents is refused unless
 * `replace` is set, which empties it first; every file's count is checked against its manifest.
 */
export async function restore(
  db: SdkDatabase,
  folder: string,
  options: { replace?: boolean; log?: (line: string) => void } = {},
): Promise<BackupManifest> {
  const manifest = readManifest(folder);
  for (const entry of manifest.collections) {
    await ensureCollection(db, entry.name);
    const existing = await countDocuments(db, entry.name);
    if (existing > 0 && !options.replace) {
      throw new Error(`集合 ${entry.name} 里已有 ${existing} 条数据：要用备份覆盖请加 --replace（会先清空这些集合）`);
    }
  }
  for (const entry of manifest.collections) {
    if (options.replace) await clearCollection(db, entry.name);
    const count = await importDocuments(db, entry.name, readDocuments(path.join(folder, entry.file)));
    if (count !== entry.count)
      throw new Error(`${entry.file} 有 ${count} 条，清单上写的是 ${entry.count} 条：备份不完整`);
    options.log?.(`  ${entry.name.padEnd(16)} ${count} 条`);
  }
  return manifest;
}
