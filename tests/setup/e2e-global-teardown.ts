import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const run = globalThis.honglinE2e;
  if (!run) return;
  globalThis.honglinE2e = undefined;
  await run.browser.close();
  await run.cloud.stop();
  fs.rmSync(run.dataDir, { recursive: true, force: true });
}
