import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEPLOY_TOOLS_DIR, loadDeployTool, missingDeployTools } from '../../scripts/deploy/tools';

/** The deploy tools live in a package of their own, installed on first use (scripts/deploy/tools.ts). */
let dir: string;
const write = (file: string, content: unknown) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-deploy-tools-'));
  write('package.json', { dependencies: { alpha: '1.0.0', beta: '2.0.0', gamma: '3.0.0' } });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a tool is missing until installed at the version its package.json pins', () => {
  write('node_modules/alpha/package.json', { version: '1.0.0' });
  write('node_modules/beta/package.json', { version: '1.9.0' });
  expect(missingDeployTools(dir)).toEqual(['beta', 'gamma']);
});

test('an installed tool loads from the tools folder, without installing anything', () => {
  for (const [name, version] of [
    ['alpha', '1.0.0'],
    ['beta', '2.0.0'],
    ['gamma', '3.0.0'],
  ]) {
    write(`node_modules/${name}/package.json`, { version, main: 'index.js' });
    write(`node_modules/${name}/index.js`, `module.exports = { name: '${name}' };`);
  }
  const log: string[] = [];
  expect(loadDeployTool<{ name: string }>('beta', (line) => log.push(line), dir)).toEqual({ name: 'beta' });
  expect(log).toEqual([]);
});

test('the tools are pinned in their own package with a lock file, and not in the project', () => {
  const tools = JSON.parse(fs.readFileSync(path.join(DEPLOY_TOOLS_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  expect(Object.keys(tools.dependencies).sort()).toEqual(['@cloudbase/manager-node', 'miniprogram-ci']);
  const lock = JSON.parse(fs.readFileSync(path.join(DEPLOY_TOOLS_DIR, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  for (const [name, version] of Object.entries(tools.dependencies))
    expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
  const project = JSON.parse(fs.readFileSync(path.join(DEPLOY_TOOLS_DIR, '..', '..', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  for (const name of Object.keys(tools.dependencies)) {
    expect(project.dependencies[name]).toBeUndefined();
    expect(project.devDependencies[name]).toBeUndefined();
  }
});
