import fs from 'node:fs';
import path from 'node:path';

/** A timer trigger as the cloud declares it in a function's config.json. */
export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** Cron with seconds first, as the cloud's: `sec min hour day month weekday [year]`. */
  config: string;
}

export interface FunctionConfig {
  /** Seconds; the cloud's default is 3. */
  timeout: number;
  triggers: TimerTrigger[];
  /** `permissions.openapi`: the open APIs the function may call (none when absent, as in the cloud). */
  openapi: string[];
}

export const DEFAULT_TIMEOUT_SECONDS = 3;

/**
 * Test runs only (the jest global setups set it; `npm run dev` and the bench do not): multiplies every function's
 * time limit, so a machine busy with other builds slows a test's functions without stopping them. The limit stays
 * enforced, only longer.
 */
export const TIME_LIMIT_SCALE_ENV = 'HONGLIN_TIME_LIMIT_SCALE';

/** The time-limit scale of this process's environment: 1 when unset; anything but a positive number is an error. */
export function timeLimitScaleOf(env: Record<string, string | undefined> = process.env): number {
  const raw = env[TIME_LIMIT_SCALE_ENV];
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`${TIME_LIMIT_SCALE_ENV} must be a positive number, not "${raw}"`);
  return scale;
}

/** The built bundle's entry file, or null when the folder holds no such function. */
export function functionEntry(functionsDir: string, name: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return null;
  const entry = path.join(functionsDir, name, 'index.js');
  return fs.existsSync(entry) ? entry : null;
}

/** Reads `<functionsDir>/<name>/config.json` (missing file: the cloud's defaults). */
export function readFunctionConfig(functionsDir: string, name: string): FunctionConfig {
  const file = path.join(functionsDir, name, 'config.json');
  if (!fs.existsSync(file)) return { timeout: DEFAULT_TIMEOUT_SECONDS, triggers: [], openapi: [] };
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    timeout?: unknown;
    triggers?: unknown;
    permissions?: { openapi?: unknown };
  };
  const timeout = typeof raw.timeout === 'number' && raw.timeout > 0 ? raw.timeout : DEFAULT_TIMEOUT_SECONDS;
  const triggers = Array.isArray(raw.triggers)
    ? (raw.triggers as TimerTrigger[]).filter(
        (t) => t && t.type === 'timer' && typeof t.name === 'string' && typeof t.config === 'string',
      )
    : [];
  const openapi = Array.isArray(raw.permissions?.openapi) ? raw.permissions.openapi.map(String) : [];
  return { timeout, triggers, openapi };
}

/** Names of the functions built into the folder. */
export function listFunctions(functionsDir: string): string[] {
  if (!fs.existsSync(functionsDir)) return [];
  return fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && functionEntry(functionsDir, d.name) !== null)
    .map((d) => d.name)
    .sort();
}
