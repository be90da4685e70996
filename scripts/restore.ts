/**
 * Loads a backup folder (from npm run backup) into the local cloud, to try a new version on real data.
 * Stop `npm run dev` first: the local cloud's store must have one writer.
 *
 *   npm run restore -- backups/2026-11-28_214501              into HONGLIN_DATA_DIR (default .data/)
 *   npm run restore -- <folder> --data-dir <folder>            into another local data folder
 *   npm run restore -- <folder> --replace                      empty the backed-up collections first
 */
import path from 'node:path';
import { connectLocal, defaultDataDir } from './backup/connect';
import { restore } from './backup/run';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDirAt = args.indexOf('--data-dir');
  const dataDir = path.resolve(dataDirAt >= 0 ? (args[dataDirAt + 1] ?? '') : defaultDataDir());
  const folder = args.find((a, i) => !a.startsWith('--') && (dataDirAt < 0 || i !== dataDirAt + 1));
  if (!folder) throw new Error('用法：npm run restore -- <备份文件夹> [--data-dir <本地数据文件夹>] [--replace]');
  const connection = await connectLocal(dataDir);
  try {
    console.log(`把 ${folder} 恢复到本地云 ${dataDir}：`);
    const manifest = await restore(connection.db, path.resolve(folder), {
      replace: args.includes('--replace'),
      log: (line) => console.log(line),
    });
    console.log(`完成：${manifest.collections.length} 个集合，来自 ${manifest.source} 在 ${manifest.takenAt} 的备份`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
