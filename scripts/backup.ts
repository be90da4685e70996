/**
 * Exports every collection declared in cloudfunctions/database.json to a new dated folder of JSON-lines
 * files (docs/DEPLOY.md, "Backups").
 *
 *   npm run backup                        from the local cloud's data folder (HONGLIN_DATA_DIR, default .data/)
 *   npm run backup -- --cloud             from the cloud environment of config/honglin.json (needs the API keys)
 *   npm run backup -- --out <folder>      into another folder than backups/
 *   npm run backup -- --data-dir <folder> from another local data folder
 */
import fs from 'node:fs';
import path from 'node:path';
import { connectCloud, connectLocal, defaultDataDir, type Connection } from './backup/connect';
import { backup } from './backup/run';
import { readHonglinConfig } from './deploy/config';
import { readDatabaseDeclaration } from './deploy/declaration';
import { readSecrets } from './deploy/secrets';

const ROOT = path.resolve(__dirname, '..');

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function connect(args: string[]): Promise<Connection> {
  if (args.includes('--cloud')) {
    const { cloudEnv } = readHonglinConfig(path.join(ROOT, 'config', 'honglin.json'));
    const { secretId, secretKey, sessionToken } = readSecrets(ROOT);
    if (!secretId || !secretKey)
      throw new Error(
        '从云端备份需要腾讯云 API 密钥：TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（见 docs/DEPLOY.md 第 4 步）',
      );
    return connectCloud(cloudEnv, { secretId, secretKey, sessionToken });
  }
  const dataDir = path.resolve(option(args, '--data-dir') ?? defaultDataDir());
  if (!fs.existsSync(dataDir))
    throw new Error(`本地没有数据文件夹 ${dataDir}：先运行 npm run dev，或用 --data-dir 指定`);
  return connectLocal(dataDir);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const collections = readDatabaseDeclaration(path.join(ROOT, 'cloudfunctions', 'database.json')).map((c) => c.name);
  const outRoot = path.resolve(option(args, '--out') ?? path.join(ROOT, 'backups'));
  const connection = await connect(args);
  try {
    console.log(`备份 ${connection.label} 的 ${collections.length} 个集合：`);
    const { folder, manifest } = await backup(connection.db, {
      collections,
      outRoot,
      source: connection.label,
      log: (line) => console.log(line),
    });
    const total = manifest.collections.reduce((sum, c) => sum + c.count, 0);
    const shown = path.relative(process.cwd(), folder);
    console.log(`共 ${total} 条，已写入 ${shown.startsWith('..') ? folder : shown}`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
