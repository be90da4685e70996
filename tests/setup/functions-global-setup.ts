import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isStale } from '../../emulator/freshness';
import { DEFAULT_FUNCTIONS_DIR, REPO_ROOT, startLocalCloud, type LocalCloud } from '../../emulator/start';
import { stretchTimeLimits } from './time-limits';

/** Where the teardown finds the running cloud (same process as the setup). */
export interface FunctionsGlobalState {
  cloud: LocalCloud;
  dataDir: string;
}
export const GLOBAL_KEY = '__honglinFunctionsCloud';

/**
 * Jest global setup of the `functions` project: builds the function bundles when they are missing or
 * older than their sources, starts one local cloud (with gateway) on a temp data folder and a free
 * port with test time limits (./time-limits.ts), and tells the tests where through HONGLIN_CLOUD_URL, HONGLIN_CLOUD_DATA_DIR and
 * HONGLIN_CLOUD_SECRET (the secret /admin and /__timer ask for).
 */
export default async function functionsGlobalSetup(): Promise<void> {
  const sources = [path.join(REPO_ROOT, 'cloudfunctions'), path.join(REPO_ROOT, 'types')];
  if (fs.existsSync(path.join(REPO_ROOT, 'scripts', 'build-functions.ts')) && isStale(DEFAULT_FUNCTIONS_DIR, sources)) {
    execSync('npm run build:functions', { cwd: REPO_ROOT, stdio: 'inherit' });
  }
  stretchTimeLimits();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-functions-'));
  const cloud = await startLocalCloud({ dataDir, gateway: true });
  process.env.HONGLIN_CLOUD_URL = cloud.url;
  process.env.HONGLIN_CLOUD_DATA_DIR = dataDir;
  process.env.HONGLIN_CLOUD_SECRET = cloud.secret;
  (globalThis as Record<string, unknown>)[GLOBAL_KEY] = { cloud, dataDir } satisfies FunctionsGlobalState;
}
