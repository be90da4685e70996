import fs from 'node:fs';
import { GLOBAL_KEY, type FunctionsGlobalState } from './functions-global-setup';

/** Stops the local cloud of the `functions` project and deletes its data folder. */
export default async function functionsGlobalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>)[GLOBAL_KEY] as FunctionsGlobalState | undefined;
  if (!state) return;
  await state.cloud.stop();
  fs.rmSync(state.dataDir, { recursive: true, force: true });
}
