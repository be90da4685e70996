/**
 * Browser end-to-end tests: the H5 build served by the local cloud's dev gateway on loopback, with the
 * real function bundles behind /api, driven in Debian's Chromium through playwright-core.
 *
 * Tests reach both through the environment (jest workers inherit it):
 *   HONGLIN_E2E_BASE_URL   the gateway, e.g. http://127.0.0.1:40123
 *   HONGLIN_E2E_WS         the browser server's WebSocket endpoint (chromium.connect)
 *   HONGLIN_E2E_SECRET     the cloud's secret (its /__timer asks for it); apart from the functions project's
 *                          HONGLIN_CLOUD_SECRET, since both global setups run in the one process the workers start from
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { require as tsxRequire } from 'tsx/cjs/api';
import type { LocalCloud } from '../../emulator/start';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium';
import { stretchTimeLimits } from './time-limits';

/**
 * Jest loads a global setup without its moduleNameMapper, so the emulator (which imports
 * `@honglin/types/...`) is loaded through tsx, which follows tsconfig's paths.
 */
const { startLocalCloud, sdkEnvironment, REPO_ROOT } = tsxRequire(
  '../../emulator/start',
  __filename,
) as typeof import('../../emulator/start');

/** What the teardown stops; the global setup and teardown run in the same process. */
export interface E2eRun {
  cloud: LocalCloud;
  browser: BrowserServer;
  dataDir: string;
}
declare global {
  var honglinE2e: E2eRun | undefined;
}

function requireOutput(relative: string, file: string, command: string): void {
  if (!fs.existsSync(path.join(REPO_ROOT, relative, file))) {
    throw new Error(`End-to-end tests need ${relative}/ (missing ${file}): run \`${command}\` first.`);
  }
}

/**
 * Writes the emulator's demo data (emulator/seed/demo.ts: units and one person per role, whose openids
 * tests pass to openAs) through the real wx-server-sdk, as `npm run dev` does. The SDK's environment is
 * set only while seeding: jest workers inherit this process's environment.
 */
async function seedDemoData(cloud: LocalCloud): Promise<void> {
  const { seedDemo } = tsxRequire('../../emulator/seed/demo', __filename) as typeof import('../../emulator/seed/demo');
  const saved = { ...process.env };
  Object.assign(process.env, sdkEnvironment(cloud));
  try {
    const sdk = tsxRequire('wx-server-sdk', __filename) as typeof import('wx-server-sdk');
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as unknown as string });
    await seedDemo(sdk.database());
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

export default async function globalSetup(): Promise<void> {
  requireOutput('dist/h5', 'index.html', 'npm run build:h5');
  requireOutput('dist/cloudfunctions', '', 'npm run build:functions');
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run \`bash scripts/ensure-chromium.sh\`.`);
  }

  // Inside the repository (.test-data/, git-ignored) so the copied function bundles find node_modules/wx-server-sdk.
  const testData = path.join(REPO_ROOT, '.test-data');
  fs.mkdirSync(testData, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(testData, 'e2e-'));
  // Run copies of the builds: a build started meanwhile in the shared tree empties its output folder first.
  const h5Dir = path.join(dataDir, 'h5');
  const functionsDir = path.join(dataDir, 'cloudfunctions');
  fs.cpSync(path.join(REPO_ROOT, 'dist', 'h5'), h5Dir, { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'dist', 'cloudfunctions'), functionsDir, { recursive: true });
  stretchTimeLimits();
  const cloud = await startLocalCloud({ dataDir, port: 0, gateway: true, h5Dir, functionsDir });
  try {
    await seedDemoData(cloud);
    // Playwright gives each launch a fresh temporary profile (user-data-dir) and removes it on close.
    const browser = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    globalThis.honglinE2e = { cloud, browser, dataDir };
    process.env.HONGLIN_E2E_BASE_URL = cloud.url;
    process.env.HONGLIN_E2E_SECRET = cloud.secret;
    process.env.HONGLIN_E2E_WS = browser.wsEndpoint();
  } catch (error) {
    await cloud.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
