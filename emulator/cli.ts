/**
 * `npm run dev`: the whole product on this machine. Builds what is missing or stale, opens the store
 * (HONGLIN_DATA_DIR, default .data/), seeds demo data into an empty store, serves the H5 build and the
 * local cloud on http://127.0.0.1:8787 (PORT to change it) and fires timer triggers on their cron.
 * `npm run dev -- --reset` starts from an empty store; `-- --no-build` serves the builds as they are.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLE_LABELS } from '../types/org';
import { isStale } from './freshness';
import { fireTimer, startTimerScheduler } from './functions/timer';
import { readAll, type PersonaUser } from './gateway/personas';
import { seedDemo } from './seed/demo';
import { seedDemoHouseholds } from './seed/households';
import { DEFAULT_FUNCTIONS_DIR, DEFAULT_H5_DIR, REPO_ROOT, sdkEnvironment, startLocalCloud } from './start';

const DEFAULT_PORT = 8787;

/** Runs a build; a failed one is reported and the local cloud starts anyway with what there is. */
function run(script: string): void {
  process.stdout.write(`› npm run ${script}\n`);
  const result = spawnSync('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    process.stderr.write(`\n⚠ npm run ${script} 失败（见上方输出），继续使用已有的构建结果。\n\n`);
}

function buildWhatIsStale(): void {
  const shared = [path.join(REPO_ROOT, 'types')];
  if (isStale(DEFAULT_FUNCTIONS_DIR, [path.join(REPO_ROOT, 'cloudfunctions'), ...shared])) run('build:functions');
  if (isStale(DEFAULT_H5_DIR, [path.join(REPO_ROOT, 'src'), path.join(REPO_ROOT, 'config'), ...shared]))
    run('build:h5');
}

/** Empties the data folder, refusing folders that cannot be one (the repository, home, the root). */
function reset(dataDir: string): void {
  const forbidden = [REPO_ROOT, os.homedir(), path.parse(dataDir).root].map((p) => path.resolve(p));
  if (forbidden.includes(path.resolve(dataDir))) {
    process.stderr.write(`拒绝清空 ${dataDir}：它不是数据目录。\n`);
    process.exit(1);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dataDir = path.resolve(process.env.HONGLIN_DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT 不是合法端口：${process.env.PORT}`);

  if (!args.includes('--no-build')) buildWhatIsStale();
  if (args.includes('--reset')) reset(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const cloud = await startLocalCloud({ dataDir, port, gateway: true });
  Object.assign(process.env, sdkEnvironment(cloud));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
  const seeded = await seedDemo(sdk.database());
  if (seeded.users > 0) {
    await seedDemoHouseholds(sdk.database());
    process.stdout.write(`已写入演示数据：${seeded.units} 个单位，${seeded.users} 位用户。\n`);
    // The seed counted its records as the events would have (emulator/seed/counters.ts); the nightly run folds
    // their markers and prepares this and next month's shards, and its check finds nothing to fix.
    const counted = await fireTimer(cloud.functions, 'stats', 'nightly');
    if (counted && !counted.ok) process.stdout.write(`统计数据未能生成：${counted.message.split('\n')[0]}\n`);
  }

  const stopTimers = startTimerScheduler(cloud.functions, (fn, trigger, outcome) => {
    const result = outcome.ok ? '完成' : `失败：${outcome.message.split('\n')[0]}`;
    process.stdout.write(`[定时触发] ${fn}.${trigger} ${result}\n`);
  });

  const users = await readAll<PersonaUser>(cloud.db, 'users');
  const lines = users.map((u) => {
    const roles = (u.roles ?? []).map((g) => ROLE_LABELS[g.role]).join('、') || '群众';
    return `  ${(u.nickname ?? '').padEnd(4, '　')} ${roles.padEnd(10, '　')} ${u._id}`;
  });
  process.stdout.write(
    [
      '',
      `红邻本地运行中：${cloud.url}/`,
      `  切换身份：${cloud.url}/__personas    订阅消息发件箱：${cloud.url}/__outbox`,
      `  数据目录：${dataDir}`,
      '',
      '可用身份（在切换身份页点击，或脚本用 X-Openid 请求头）：',
      ...lines,
      '',
      '按 Ctrl-C 停止。',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    stopTimers();
    await cloud.stop();
    process.stdout.write('已停止。\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
