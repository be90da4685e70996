/** Reads everything the plan needs from the repository (and git), turning unreadable files into errors the plan reports. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isStale } from '../../emulator/freshness';
import { readHonglinConfig } from './config';
import { readDatabaseDeclaration } from './declaration';
import { functionConfigSchema, type FunctionConfig } from './functionConfig';
import type { DeployInputs, FunctionInput, Read } from './plan';
import { cloudInitEnvs } from '../weappCode';
import { scanClientSources, scanFunctionSources, type SourceFile } from './scan';

export interface GatherOptions {
  /** The repository root. */
  root: string;
  /**
   * Defaults to config/honglin.json, the file the functions bundle; another one is for tests only (the
   * bundles would still hold config/honglin.json).
   */
  configFile?: string;
}

/** The weapp upload's description is limited by the platform; keep it short. */
const MAX_DESCRIPTION = 80;

function attempt<T>(read: () => T): Read<T> {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function readFunctionConfig(file: string): Read<FunctionConfig> | null {
  if (!fs.existsSync(file)) return null;
  return attempt(() => {
    const parsed = functionConfigSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('；'));
    return parsed.data;
  });
}

function sourceFiles(root: string, dir: string, extensions: RegExp): SourceFile[] {
  const files: SourceFile[] = [];
  const visit = (absolute: string): void => {
    if (!fs.existsSync(absolute)) return;
    for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
      const full = path.join(absolute, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(full);
      else if (entry.isFile() && extensions.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push({ path: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  visit(path.join(root, dir));
  return files;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The upload's description: the commit it was built from (and whether the tree had changes). */
export function weappDescription(root: string): string {
  const commit = git(root, ['log', '-1', '--format=%h %s']);
  if (commit === null) return '本地构建（不在 git 仓库中）';
  const dirty = (git(root, ['status', '--porcelain']) ?? '') !== '';
  const text = `${commit}${dirty ? '（含未提交的修改）' : ''}`;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

export function gatherInputs(options: GatherOptions): DeployInputs {
  const { root } = options;
  const configFile = options.configFile ?? path.join(root, 'config', 'honglin.json');
  const declarationFile = path.join(root, 'cloudfunctions', 'database.json');
  const sourceRoot = path.join(root, 'cloudfunctions');
  const functionsRoot = path.join(root, 'dist', 'cloudfunctions');
  const shared = [path.join(sourceRoot, 'common'), path.join(root, 'types'), configFile];

  const functions: FunctionInput[] = fs
    .readdirSync(sourceRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(sourceRoot, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const bundleDir = path.join(functionsRoot, name);
      const built = fs.existsSync(path.join(bundleDir, 'index.js'));
      return {
        name,
        sourceConfig: readFunctionConfig(path.join(sourceRoot, name, 'config.json')),
        bundle: built
          ? {
              config: readFunctionConfig(path.join(bundleDir, 'config.json')),
              stale: isStale(bundleDir, [path.join(sourceRoot, name), ...shared]),
            }
          : null,
      };
    });

  const functionSources = scanFunctionSources(sourceFiles(root, 'cloudfunctions', /\.ts$/));
  const weappDir = path.join(root, 'dist', 'weapp');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const projectConfig = path.join(root, 'project.config.json');
  const relative = (p: string): string => path.relative(root, p) || '.';

  return {
    configFile: relative(configFile),
    config: attempt(() => readHonglinConfig(configFile)),
    declarationFile: relative(declarationFile),
    collections: attempt(() => readDatabaseDeclaration(declarationFile)),
    functionsRoot: relative(functionsRoot),
    functions,
    usage: {
      collections: functionSources.collections,
      templates: functionSources.templates,
      clientTemplates: scanClientSources(sourceFiles(root, 'src', /\.tsx?$/)),
    },
    weapp: {
      built: fs.existsSync(path.join(weappDir, 'app.json')),
      cloudEnvs: fs.existsSync(path.join(weappDir, 'app.js'))
        ? cloudInitEnvs(fs.readFileSync(path.join(weappDir, 'app.js'), 'utf8'))
        : [],
      projectPath: relative(weappDir),
      version: pkg.version,
      description: weappDescription(root),
    },
    projectAppId: fs.existsSync(projectConfig)
      ? ((JSON.parse(fs.readFileSync(projectConfig, 'utf8')) as { appid?: string }).appid ?? null)
      : null,
  };
}
