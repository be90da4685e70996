/**
 * Reads the built mini-program's JavaScript as WeChat loads it, for `npm run size`:
 *
 * - syntax: every .js file must parse as ES2017. The upload keeps `es6: false` (project.config.json and the
 *   miniprogram-ci upload in scripts/deploy), so what the build writes is what phones run; iOS below 13.4
 *   cannot load `??`, `?.` or `catch {}`, and the check is made here, on the files themselves, with a real parser.
 * - code from strings: WeChat has no `new Function`/`eval` (on devices `Function` returns a useless value
 *   instead of throwing) and its review rejects packages that use them. Any use of the global `Function` or
 *   `eval` as a value counts, so `const F = Function; new F(...)` is caught too; reading a property of it
 *   (`Function.prototype`) or `x instanceof Function` is fine.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

export interface CodeProblem {
  /** Path relative to the checked folder. */
  file: string;
  line: number;
  column: number;
  kind: 'syntax' | 'code-from-string';
  message: string;
}

const FORBIDDEN = new Set(['Function', 'eval']);

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function excerpt(code: string, offset: number): string {
  return code.slice(Math.max(0, offset - 40), offset + 40).replace(/\s+/g, ' ');
}

/** Uses of `Function`/`eval` as a value in one parsed file. */
function codeFromStrings(program: acorn.Program, code: string, file: string): CodeProblem[] {
  const problems: CodeProblem[] = [];
  walk.ancestor(program, {
    Identifier(node, _state, ancestors) {
      if (!FORBIDDEN.has(node.name)) return;
      const parent = ancestors[ancestors.length - 2];
      if (parent?.type === 'MemberExpression' && parent.object === node) return;
      if (parent?.type === 'BinaryExpression' && parent.operator === 'instanceof' && parent.right === node) return;
      const { line, column } = acorn.getLineInfo(code, node.start);
      problems.push({
        file,
        line,
        column,
        kind: 'code-from-string',
        message: `uses ${node.name}: …${excerpt(code, node.start)}…`,
      });
    },
  });
  return problems;
}

/** Every problem of the .js files under `dir` (dist/weapp). */
export function weappCodeProblems(dir: string): CodeProblem[] {
  const problems: CodeProblem[] = [];
  for (const absolute of jsFiles(dir)) {
    const file = path.relative(dir, absolute);
    const code = fs.readFileSync(absolute, 'utf8');
    let program: acorn.Program;
    try {
      program = acorn.parse(code, { ecmaVersion: 2017, sourceType: 'script', locations: true });
    } catch (error) {
      const { pos, loc } = error as { pos?: number; loc?: { line: number; column: number } };
      problems.push({
        file,
        line: loc?.line ?? 0,
        column: loc?.column ?? 0,
        kind: 'syntax',
        message: `not ES2017: ${(error as Error).message}${pos === undefined ? '' : `: …${excerpt(code, pos)}…`}`,
      });
      continue;
    }
    problems.push(...codeFromStrings(program, code, file));
  }
  return problems;
}

/**
 * The environments the built app.js initialises the cloud with: the `env` of every `….cloud.init({ env: '…' })`
 * (null for an init whose env is not a plain string). The deploy dry-run compares them with config/honglin.json.
 */
export function cloudInitEnvs(appJs: string): (string | null)[] {
  const envs: (string | null)[] = [];
  walk.simple(acorn.parse(appJs, { ecmaVersion: 'latest', sourceType: 'script' }), {
    CallExpression(node) {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
      if (callee.property.name !== 'init') return;
      const object = callee.object;
      const onCloud =
        (object.type === 'MemberExpression' &&
          object.property.type === 'Identifier' &&
          object.property.name === 'cloud') ||
        (object.type === 'Identifier' && object.name === 'cloud');
      const options = node.arguments[0];
      if (!onCloud || options?.type !== 'ObjectExpression') return;
      for (const property of options.properties) {
        if (property.type !== 'Property' || property.key.type !== 'Identifier' || property.key.name !== 'env') continue;
        const value = property.value;
        envs.push(value.type === 'Literal' && typeof value.value === 'string' ? value.value : null);
      }
    },
  });
  return envs;
}
