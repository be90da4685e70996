/**
 * `npm run size`: measures the build outputs against the budgets of DESIGN.md §8 and issue 18. It builds only the
 * bare Taro app it compares with (scripts/bare-app.ts, into dist/bare), so the comparison is of one run.
 *
 *   weapp main package   everything in dist/weapp outside the subpackage roots   ≤ 450 KB and ≤ 1.3× the bare app's
 *   weapp subpackage     each subpackage root of dist/weapp/app.json              ≤ 500 KB
 *   cloud function       dist/cloudfunctions/<name>/index.js (wx-server-sdk is external, so the file is the bundle)  ≤ 200 KB
 *   H5 first-load JS     the scripts dist/h5/index.html loads plus the chunks of the first page ≤ 1.3× the bare app's
 *   H5 page chunk        each page's own chunk                                     ≤ 30 KB
 *   H5 page load         the JS a page loads beyond the first load                 ≤ 300 KB (the two detail pages
 *                        open photos with Taro's previewImage, which brings Swiper: 191 KB of it; dayjs, the
 *                        form components and Taro's media APIs come with the pages that use them, not the first load)
 *   H5 duplicates        a source module bundled into more than one chunk         none (dist/h5.modules.json)
 *
 * It also reads dist/weapp's JavaScript as WeChat loads it (scripts/weappCode.ts): every file parses as ES2017,
 * and nothing compiles code from a string (`new Function`, `eval`).
 *
 * Exits 1 when an item is over its size budget, an expected output is missing (naming the build to run) or the weapp's
 * code has a problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bareDist, buildBareApp } from './bare-app';
import { functionNames } from './build-functions';
import { weappCodeProblems } from './weappCode';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const KB = 1024;

const BUDGET_KB = { main: 450, subpackage: 500, function: 200, h5PageChunk: 30, h5PageLoad: 300 } as const;
/** How much bigger than the bare Taro app the weapp main package and the H5 first load may be. */
const RATIO_BUDGET = 1.3;

interface Line {
  item: string;
  bytes?: number;
  budgetKb: number;
  /** The bare app's size for the same item, when the item is held against it (ratio ≤ RATIO_BUDGET). */
  bareBytes?: number;
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

/** The files of a weapp build's main package and of each of its subpackages. */
function weappPackages(weapp: string): { main: string[]; subpackages: { root: string; files: string[] }[] } {
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''));
  const files = filesUnder(weapp);
  const inRoot = (file: string, subRoot: string) =>
    path.relative(path.join(weapp, subRoot), file).split(path.sep)[0] !== '..';
  return {
    main: files.filter((file) => !roots.some((r) => inRoot(file, r))),
    subpackages: roots.map((root) => ({ root, files: files.filter((f) => inRoot(f, root)) })),
  };
}

function weappLines(): Line[] {
  const weapp = path.join(dist, 'weapp');
  const appJson = path.join(weapp, 'app.json');
  if (!fs.existsSync(appJson)) {
    return [{ item: 'weapp main package', budgetKb: BUDGET_KB.main, missing: 'npm run build:weapp' }];
  }
  const { main, subpackages } = weappPackages(weapp);
  const bare = weappPackages(path.join(bareDist, 'weapp')).main;
  return [
    { item: 'weapp main package', bytes: totalBytes(main), budgetKb: BUDGET_KB.main, bareBytes: totalBytes(bare) },
    ...subpackages.map((p) => ({
      item: `weapp subpackage ${p.root}`,
      bytes: totalBytes(p.files),
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

interface Manifest {
  chunks: { files: string[]; modules: { path: string }[] }[];
  groups: { requests: string[]; files: string[] }[];
}

/** The first page of an app, as its app.config.ts lists it. */
function firstPage(appConfig: string): string {
  const first = /pages:\s*\[\s*'([^']+)'/.exec(fs.readFileSync(appConfig, 'utf8'));
  if (!first) throw new Error(`no pages in ${appConfig}`);
  return first[1];
}

/** The JS files an H5 build loads to show its first page: index.html's scripts and the page's chunk group. */
function h5FirstLoad(h5: string, manifest: Manifest, page: string): string[] {
  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="\/?([^"]+)"/g)].map((m) => m[1]);
  const group = manifest.groups.find((g) => g.requests.includes(`./${page}`));
  if (!group) throw new Error(`no chunk group loads ./${page} in ${h5}`);
  return [...new Set([...scripts, ...group.files.filter((f) => f.endsWith('.js'))])];
}

function readManifest(h5: string): Manifest | undefined {
  const file = `${h5}.modules.json`;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : undefined;
}

function h5Lines(): Line[] {
  const h5 = path.join(dist, 'h5');
  const manifest = readManifest(h5);
  if (!fs.existsSync(path.join(h5, 'index.html')) || !manifest)
    return [{ item: 'H5 first-load JS', budgetKb: 0, missing: 'npm run build:h5' }];
  const bareH5 = path.join(bareDist, 'h5');
  // The bare app has one page: everything it builds is its first load.
  const bareFirst = filesUnder(bareH5)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.relative(bareH5, f));
  const first = h5FirstLoad(h5, manifest, firstPage(path.join(root, 'src/app.config.ts')));
  const bytesOf = (dir: string, files: string[]) => totalBytes(files.map((f) => path.join(dir, f)));
  const lines: Line[] = [
    {
      item: `H5 first-load JS (${first.length} files)`,
      bytes: bytesOf(h5, first),
      budgetKb: 0,
      bareBytes: bytesOf(bareH5, bareFirst),
    },
  ];
  for (const group of manifest.groups) {
    const page = group.requests.find((r) => /^\.\/(pages|packages)\//.test(r))?.slice(2);
    if (!page) continue;
    const source = new RegExp(`^src/${page}\\.tsx?$`);
    const own = manifest.chunks.find((c) => c.modules.some((m) => source.test(m.path)));
    const ownJs = own?.files.filter((f) => f.endsWith('.js')) ?? [];
    lines.push({ item: `H5 page chunk ${page}`, bytes: bytesOf(h5, ownJs), budgetKb: BUDGET_KB.h5PageChunk });
    const beyond = group.files.filter((f) => f.endsWith('.js') && !first.includes(f));
    lines.push({ item: `H5 page load ${page}`, bytes: bytesOf(h5, beyond), budgetKb: BUDGET_KB.h5PageLoad });
  }
  return lines;
}

/**
 * Modules bundled into more than one H5 chunk, each with the chunks' JS files. A library file counts as one module
 * wherever it is installed and whatever its extension (a package may bundle its own copy of tslib).
 */
function h5Duplicates(): string[] {
  const manifest = readManifest(path.join(dist, 'h5'));
  if (!manifest) return [];
  const chunksOf = new Map<string, Set<string>>();
  for (const chunk of manifest.chunks) {
    const name = chunk.files.find((f) => f.endsWith('.js')) ?? chunk.files[0] ?? '?';
    for (const module of chunk.modules) {
      const key = module.path
        .split('node_modules/')
        .pop()!
        .replace(/\.m?js$/, '');
      chunksOf.set(key, (chunksOf.get(key) ?? new Set()).add(name));
    }
  }
  return [...chunksOf]
    .filter(([, chunks]) => chunks.size > 1)
    .map(([m, chunks]) => `${m} in ${[...chunks].join(', ')}`);
}

function ratio(line: Line): number | undefined {
  return line.bareBytes === undefined || line.bytes === undefined ? undefined : line.bytes / line.bareBytes;
}

/** OVER: past its size in KB, or past 1.3× the bare app built in the same run: either fails the run. */
function status(line: Line): 'ok' | 'OVER' | 'MISSING' {
  if (line.missing) return 'MISSING';
  if (line.budgetKb > 0 && (line.bytes ?? 0) > line.budgetKb * KB) return 'OVER';
  return (ratio(line) ?? 0) > RATIO_BUDGET ? 'OVER' : 'ok';
}

function main(): void {
  buildBareApp('weapp');
  buildBareApp('h5');
  const lines = [...weappLines(), ...functionLines(), ...h5Lines()];
  const width = Math.max(...lines.map((l) => l.item.length), 4);
  console.log(
    `${'item'.padEnd(width)}  ${'size KB'.padStart(9)}  ${'budget KB'.padStart(9)}  ${'bare KB'.padStart(8)}  ${'ratio'.padStart(5)}  status`,
  );
  for (const line of lines) {
    const size = line.bytes === undefined ? '-' : (line.bytes / KB).toFixed(1);
    const bare = line.bareBytes === undefined ? '' : (line.bareBytes / KB).toFixed(1);
    const r = ratio(line);
    console.log(
      `${line.item.padEnd(width)}  ${size.padStart(9)}  ${(line.budgetKb > 0 ? String(line.budgetKb) : '').padStart(9)}  ${bare.padStart(8)}  ${(r === undefined ? '' : r.toFixed(2)).padStart(5)}  ${status(line)}`,
    );
  }
  const duplicates = h5Duplicates();
  console.log(`H5 modules in more than one chunk: ${duplicates.length}`);
  for (const duplicate of duplicates) console.error(`duplicated: ${duplicate}`);
  const missing = lines.filter((l) => l.missing);
  const over = lines.filter((l) => status(l) === 'OVER');
  for (const line of missing) console.error(`missing: ${line.item}: run ${line.missing}`);
  for (const line of over) {
    const past = (ratio(line) ?? 0) > RATIO_BUDGET ? ` (over ${RATIO_BUDGET}× the bare app)` : '';
    console.error(`over budget: ${line.item}${past}`);
  }
  const weapp = path.join(dist, 'weapp');
  const code = fs.existsSync(weapp) ? weappCodeProblems(weapp) : [];
  if (fs.existsSync(weapp))
    console.log(`\nweapp code (ES2017 syntax, no new Function/eval): ${code.length === 0 ? 'ok' : 'PROBLEMS'}`);
  for (const p of code) console.error(`weapp code: ${p.file}:${p.line}:${p.column} ${p.message}`);
  if (missing.length > 0 || over.length > 0 || duplicates.length > 0 || code.length > 0) process.exit(1);
}

main();
