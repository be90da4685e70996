/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts with its config.json) into a deployable folder
 * dist/cloudfunctions/<name>/: one index.js (shared code and types bundled in, wx-server-sdk left out),
 * a package.json that depends on wx-server-sdk only, and the function's config.json.
 *
 *   npm run build:functions            all functions
 *   npm run build:functions -- user    only the named ones
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { readHonglinConfig } from './deploy/config';

const root = path.resolve(__dirname, '..');
const sourceRoot = path.join(root, 'cloudfunctions');
export const FUNCTIONS_OUT = path.join(root, 'dist', 'cloudfunctions');
const SDK_VERSION = '4.0.2';

/** Every folder of cloudfunctions/ with an index.ts is a function; `common` is their shared code. */
export function functionNames(): string[] {
  return fs
    .readdirSync(sourceRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(sourceRoot, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

export async function bundleFunction(entry: string, outDir: string, name: string): Promise<void> {
  // The functions bundle config/honglin.json: a bad or missing entry (a request category without its time limit)
  // stops the build here, not the first call that reads it.
  readHonglinConfig(path.join(root, 'config', 'honglin.json'));
  const configFile = path.join(path.dirname(entry), 'config.json');
  if (!fs.existsSync(configFile)) throw new Error(`${name}: config.json is missing beside ${entry}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    minify: true,
    keepNames: true,
    legalComments: 'none',
    external: ['wx-server-sdk'],
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  fs.copyFileSync(configFile, path.join(outDir, 'config.json'));
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': SDK_VERSION },
  };
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : functionNames();
  const started = Date.now();
  for (const name of names) {
    await bundleFunction(path.join(sourceRoot, name, 'index.ts'), path.join(FUNCTIONS_OUT, name), name);
    const size = fs.statSync(path.join(FUNCTIONS_OUT, name, 'index.js')).size;
    console.log(`built ${name.padEnd(10)} ${(size / 1024).toFixed(1)} KB`);
  }
  console.log(`${names.length} functions in ${Date.now() - started} ms → ${path.relative(root, FUNCTIONS_OUT)}/`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
