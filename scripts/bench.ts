/**
 * npm run bench: the statistics at county scale. Builds the functions it calls into a temp folder, then for
 * 1% and 100% of the county dataset (scripts/bench/dataset.ts) runs scripts/bench/run-scale.ts in its own
 * process and local cloud, and prints one table: database round-trips, median and p95 per action, and the
 * dashboard's time at 100% over 1%. Writes the table into docs/PERFORMANCE.md between its bench markers.
 *
 * Then the import row (scripts/bench/run-import.ts): a town's 800 members and 3,000 households imported through the
 * roster function, its total function time against the budget of two minutes; written between its own markers.
 *
 *   npm run bench                                   both scales and the import
 *   npm run bench -- 0.01                           one scale only (not written to the docs)
 *   npm run bench -- --only export,reconcile        the rows whose name contains a part (not written to the docs)
 *   npm run bench -- import                         the import only
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFunction } from './build-functions';
import type { ImportResult } from './bench/run-import';
import type { ScaleResult } from './bench/run-scale';

const ROOT = path.resolve(__dirname, '..');
const DOC = path.join(ROOT, 'docs', 'PERFORMANCE.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';
const IMPORT_BEGIN = '<!-- bench-import:begin -->';
const IMPORT_END = '<!-- bench-import:end -->';
const FUNCTIONS = ['stats', 'request', 'roster'];
/** Issue 16: 800 members and 3,000 households in under two minutes of function time. */
const IMPORT_BUDGET_MS = 120_000;

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

function table(results: ScaleResult[]): string {
  const [small, full] = [results[0], results[results.length - 1]];
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ');
  const lines = [
    `Dataset at 100%: ${list(full.counts)} (seeded in ${full.seedSeconds.toFixed(0)} s); the reference village ` +
      `(export and reconciliation), at every scale: ${list(full.referenceCounts)}.`,
    '',
    `| action | round-trips | ${results.map((r) => `median / p95 at ${r.scale * 100}% (ms)`).join(' | ')} | 100% ÷ 1% (median) |`,
    `|---|---|${results.map(() => '---|').join('')}---|`,
  ];
  for (const [i, m] of full.measurements.entries()) {
    const s = small.measurements[i];
    const cells = results.map((r) => {
      const x = r.measurements[i];
      return x.failed ? `failed after ${x.runs} runs: ${x.failed}` : `${ms(x.median)} / ${ms(x.p95)}`;
    });
    const trips = results.map((r) => r.measurements[i].trips).join(' / ');
    lines.push(`| ${m.name} | ${trips} | ${cells.join(' | ')} | ${(m.median / s.median).toFixed(2)} |`);
  }
  return lines.join('\n');
}

function importTable(result: ImportResult): string {
  const lines = [
    `| import (town-wide .xlsx, town admin) | invocations | function time | longest invocation (limit ${result.limitSeconds} s) |`,
    '|---|---|---|---|',
  ];
  for (const m of result.measurements) {
    lines.push(
      `| ${m.name} | ${m.invocations} | ${(m.totalMs / 1000).toFixed(1)} s | ${(m.longestMs / 1000).toFixed(1)} s |`,
    );
  }
  const total = result.measurements.reduce((sum, m) => sum + m.totalMs, 0);
  const verdict = total <= IMPORT_BUDGET_MS ? 'within' : 'OVER';
  lines.push(
    `| **together** | ${result.measurements.reduce((sum, m) => sum + m.invocations, 0)} | **${(total / 1000).toFixed(1)} s** (${verdict} the budget of ${IMPORT_BUDGET_MS / 1000} s) | |`,
  );
  return lines.join('\n');
}

/** Replaces what lies between two markers of docs/PERFORMANCE.md with a stamped text. */
function writeBetween(begin: string, end: string, text: string): void {
  if (!fs.existsSync(DOC)) return;
  const doc = fs.readFileSync(DOC, 'utf8');
  const at = doc.indexOf(begin);
  const stop = doc.indexOf(end);
  if (at < 0 || stop < at) return;
  const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}).`;
  fs.writeFileSync(DOC, `${doc.slice(0, at + begin.length)}\n${stamp}\n\n${text}\n${doc.slice(stop)}`);
}

function runChild(script: string, args: string[]): string {
  const out = execFileSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(__dirname, 'bench', script), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return out.trim().split('\n').pop() ?? '{}';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--only');
  const only = at >= 0 ? (args.splice(at, 2)[1] ?? '') : '';
  const importOnly = args.includes('import');
  const scaleArgs = args.filter((a) => a !== 'import');
  const scales = importOnly ? [] : scaleArgs.length > 0 ? scaleArgs.map(Number) : [0.01, 1];
  // Inside the repository, so the bundles find wx-server-sdk in its node_modules.
  fs.mkdirSync(path.join(ROOT, '.test-data'), { recursive: true });
  const functionsDir = fs.mkdtempSync(path.join(ROOT, '.test-data', 'bench-functions-'));
  try {
    for (const name of FUNCTIONS) {
      await bundleFunction(path.join(ROOT, 'cloudfunctions', name, 'index.ts'), path.join(functionsDir, name), name);
    }
    const results: ScaleResult[] = [];
    for (const scale of scales) {
      const started = Date.now();
      const result = JSON.parse(runChild('run-scale.ts', [String(scale), functionsDir, only])) as ScaleResult;
      results.push(result);
      process.stdout.write(`scale ${scale}: done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
    if (results.length > 0) {
      const text = table(results);
      process.stdout.write(`\n${text}\n`);
      if (scales.length > 1 && !only) writeBetween(BEGIN, END, text);
    }
    if (importOnly || (scaleArgs.length === 0 && !only)) {
      const started = Date.now();
      const imported = JSON.parse(runChild('run-import.ts', [functionsDir])) as ImportResult;
      process.stdout.write(`import: done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      const text = importTable(imported);
      process.stdout.write(`\n${text}\n`);
      writeBetween(IMPORT_BEGIN, IMPORT_END, text);
    }
  } finally {
    fs.rmSync(functionsDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
