/**
 * The deploy tools — @cloudbase/manager-node for the cloud environment, miniprogram-ci for the weapp upload —
 * are a package of their own in scripts/deploy-tools (with its own lock file), installed there the first time a
 * real deploy needs one. They are about 600 packages that developing and testing never use, so the project's
 * `npm install` leaves them out (optional dependencies would not: npm installs those too). The interfaces below
 * are the parts of their APIs the deploy calls, so the project type-checks without them installed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ListedIndex, ListedTrigger } from './diff';
import type { TimerTrigger } from './functionConfig';

export const DEPLOY_TOOLS_DIR = path.resolve(__dirname, '..', 'deploy-tools');

export interface CloudManager {
  database: {
    createCollectionIfNotExists(name: string): Promise<{ IsCreated?: boolean }>;
    describeCollection(name: string): Promise<{ Indexes?: ListedIndex[] }>;
    updateCollection(name: string, change: Record<string, unknown>): Promise<unknown>;
  };
  functions: {
    getFunctionDetail(name: string): Promise<{ Triggers?: ListedTrigger[] }>;
    deleteFunctionTrigger(name: string, trigger: string): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: TimerTrigger[]): Promise<unknown>;
    createFunction(options: {
      func: Record<string, unknown>;
      functionRootPath: string;
      force: boolean;
    }): Promise<unknown>;
  };
  permission: {
    modifyResourcePermission(options: {
      resourceType: 'collection';
      resource: string;
      permission: string;
      securityRule?: string;
    }): Promise<unknown>;
  };
}

export interface CloudManagerClass {
  new (options: { secretId?: string; secretKey?: string; token?: string; envId: string }): CloudManager;
}

export interface MiniprogramCi {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKey?: string;
    ignores: string[];
  }) => unknown;
  upload(options: {
    project: unknown;
    version: string;
    desc: string;
    robot: number;
    setting: Record<string, boolean>;
    onProgressUpdate: (task: string | { status: string; message: string }) => void;
  }): Promise<{ subPackageInfo?: { name: string; size: number }[] }>;
}

interface ToolsManifest {
  dependencies: Record<string, string>;
}

/** The tools missing from scripts/deploy-tools/node_modules or at another version than its package.json pins. */
export function missingDeployTools(dir = DEPLOY_TOOLS_DIR): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as ToolsManifest;
  return Object.entries(manifest.dependencies)
    .filter(([name, version]) => {
      const installed = path.join(dir, 'node_modules', name, 'package.json');
      return (
        !fs.existsSync(installed) ||
        (JSON.parse(fs.readFileSync(installed, 'utf8')) as { version?: string }).version !== version
      );
    })
    .map(([name]) => name);
}

/** Installs the deploy tools from their lock file when any is missing (the first real deploy), then loads one. */
export function loadDeployTool<T>(name: string, log: (line: string) => void, dir = DEPLOY_TOOLS_DIR): T {
  const missing = missingDeployTools(dir);
  if (missing.length > 0) {
    log(`      首次部署：安装部署工具 ${missing.join('、')}（只装一次，约需一两分钟）…`);
    execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
      shell: process.platform === 'win32',
    });
  }
  return createRequire(path.join(dir, 'package.json'))(name) as T;
}
