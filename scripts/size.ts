/**
 * `npm run size`: measures the build outputs against the budgets of DESIGN.md §8. It builds nothing.
 *
 *   weapp main package   everything in dist/weapp outside the subpackage roots   ≤ 600 KB
 *   weapp subpackage     each subpackage root of dist/weapp/app.json              ≤ 500 KB
 *   cloud function       dist/cloudfunctions/<name>/index.js (wx-server-sdk is external, so the file is the bundle)  ≤ 200 KB
 *   H5 first-load JS     the scripts dist/h5/index.html loads                      ≤ 600 KB (our choice: DESIGN.md
 *                        budgets the H5 first render at 1 s on localhost; 600 KB keeps parse time well inside it)
 *
 * It also reads dist/weapp's JavaScript as WeChat loads it (scripts/weappCode.ts): every file parses as ES2017,
 * and nothing compiles code from a string (`new Function`, `eval`).
 *
 * Exits 1 when an item is over budget, an expected output is missing (naming the build to run) or the weapp's
 * code has a problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { functionNames } from './build-functions';
import { weappCodeProblems } from './weappCode';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const KB = 1024;

const BUDGET_KB = { main: 600, subpackage: 500, function: 200, h5FirstLoad: 600 } as const;

interface Line {
  item: string;
  bytes?: number;
  budgetKb: number;
  /** Set when the output is missing: what to run. */
  missing?: string;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

function totalBytes(files: string[]): number {
  return files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

function weappLines(): Line[] {
  const weapp = path.join(dist, 'weapp');
  const appJson = path.join(weapp, 'app.json');
  if (!fs.existsSync(appJson)) {
    return [{ item: 'weapp main package', budgetKb: BUDGET_KB.main, missing: 'npm run build:weapp' }];
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const files = filesUnder(weapp);
  const inRoot = (file: string, subRoot: string) =>
    path.relative(path.join(weapp, subRoot), file).split(path.sep)[0] !== '..';
  const main = files.filter((file) => !roots.some((r) => inRoot(file, r)));
  return [
    { item: 'weapp main package', bytes: totalBytes(main), budgetKb: BUDGET_KB.main },
    ...roots.map((r) => ({
      item: `weapp subpackage ${r}`,
      bytes: totalBytes(files.filter((f) => inRoot(f, r))),
      budgetKb: BUDGET_KB.subpackage,
    })),
  ];
}

function functionLines(): Line[] {
  return functionNames().map((name) => {
    const bundle = path.join(dist, 'cloudfunctions', name, 'index.js');
    const item = `cloud function ${name}`;
    return fs.existsSync(bundle)
      ? { item, bytes: fs.statSync(bundle).size, budgetKb: BUDGET_KB.function }
      : { item, budgetKb: BUDGET_KB.function, missing: 'npm run build:functions' };
  });
}

function h5Line(): Line {
  const h5 = path.join(dist, 'h5');
  const indexHtml = path.join(h5, 'index.html');
  const item = 'H5 first-load JS';
  if (!fs.existsSync(indexHtml)) return { item, budgetKb: BUDGET_KB.h5FirstLoad, missing: 'npm run build:h5' };
  const html = fs.readFileSync(indexHtml, 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) =>
    path.join(h5, m[1].replace(/^\//, '')),
  );
  const absent = scripts.find((file) => !fs.existsSync(file));
  if (absent)
    return {
      item,
      budgetKb: BUDGET_KB.h5FirstLoad,
      missing: `npm run build:h5 (index.html names ${path.relative(h5, absent)})`,
    };
  return { item: `${item} (${scripts.length} files)`, bytes: totalBytes(scripts), budgetKb: BUDGET_KB.h5FirstLoad };
}

function status(line: Line): 'ok' | 'OVER' | 'MISSING' {
  if (line.missing) return 'MISSING';
  return (line.bytes ?? 0) > line.budgetKb * KB ? 'OVER' : 'ok';
}

function main(): void {
  const lines = [...weappLines(), ...functionLines(), h5Line()];
  const width = Math.max(...lines.map((l) => l.item.length), 4);
  console.log(`${'item'.padEnd(width)}  ${'size KB'.padStart(9)}  ${'budget KB'.padStart(9)}  status`);
  for (const line of lines) {
    const size = line.bytes === undefined ? '-' : (line.bytes / KB).toFixed(1);
    console.log(
      `${line.item.padEnd(width)}  ${size.padStart(9)}  ${String(line.budgetKb).padStart(9)}  ${status(line)}`,
    );
  }
  const missing = lines.filter((l) => l.missing);
  const over = lines.filter((l) => status(l) === 'OVER');
  for (const line of missing) console.error(`missing: ${line.item}: run ${line.missing}`);
  for (const line of over) console.error(`over budget: ${line.item}`);
  const weapp = path.join(dist, 'weapp');
  const code = fs.existsSync(weapp) ? weappCodeProblems(weapp) : [];
  if (fs.existsSync(weapp))
    console.log(`\nweapp code (ES2017 syntax, no new Function/eval): ${code.length === 0 ? 'ok' : 'PROBLEMS'}`);
  for (const p of code) console.error(`weapp code: ${p.file}:${p.line}:${p.column} ${p.message}`);
  if (missing.length > 0 || over.length > 0 || code.length > 0) process.exit(1);
}

main();
