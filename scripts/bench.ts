/**
 * npm run bench: the statistics at county scale. Builds the functions it calls into a temp folder, then for
 * 1% and 100% of the county dataset (scripts/bench/dataset.ts) runs scripts/bench/run-scale.ts in its own
 * process and local cloud, and prints one table: database round-trips, median and p95 per action, and the
 * dashboard's time at 100% over 1%. Writes the table into docs/PERFORMANCE.md between its bench markers.
 *
 *   npm run bench                                   both scales
 *   npm run bench -- 0.01                           one scale only (not written to the docs)
 *   npm run bench -- --only export,reconcile        the rows whose name contains a part (not written to the docs)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleFunction } from './build-functions';
import type { ScaleResult } from './bench/run-scale';

const ROOT = path.resolve(__dirname, '..');
const DOC = path.join(ROOT, 'docs', 'PERFORMANCE.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';
const FUNCTIONS = ['stats', 'request'];

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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--only');
  const only = at >= 0 ? (args.splice(at, 2)[1] ?? '') : '';
  const scales = args.length > 0 ? args.map(Number) : [0.01, 1];
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
      const out = execFileSync(
        process.execPath,
        [require.resolve('tsx/cli'), path.join(__dirname, 'bench', 'run-scale.ts'), String(scale), functionsDir, only],
        {
          cwd: ROOT,
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const result = JSON.parse(out.trim().split('\n').pop() ?? '{}') as ScaleResult;
      results.push(result);
      process.stdout.write(`scale ${scale}: done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
    const text = table(results);
    process.stdout.write(`\n${text}\n`);
    if (scales.length > 1 && !only && fs.existsSync(DOC)) {
      const doc = fs.readFileSync(DOC, 'utf8');
      const at = doc.indexOf(BEGIN);
      const end = doc.indexOf(END);
      if (at >= 0 && end > at) {
        const stamp = `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}).`;
        fs.writeFileSync(DOC, `${doc.slice(0, at + BEGIN.length)}\n${stamp}\n\n${text}\n${doc.slice(end)}`);
      }
    }
  } finally {
    fs.rmSync(functionsDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
