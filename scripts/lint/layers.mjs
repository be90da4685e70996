import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Which way the imports run (DESIGN §6), as one lint rule: every import is resolved to the repo folder it lands
 * in (relative paths and the `@/` and `@honglin/types/` aliases alike), so a layer cannot be crossed by spelling
 * the path another way. Packages are named by their first segment (`dayjs/plugin/utc` is `dayjs`).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ALIASES = [
  ['@/', 'src/'],
  ['@honglin/types/', 'types/'],
];

/** Names of the cloud functions: the folders of cloudfunctions/ other than the shared code. */
const FUNCTION = /^cloudfunctions\/(?!common\/)([^/.]+)\//;

/**
 * The layers, first match wins. `only`: the sole places the layer may import from (repo folders end in `/`,
 * anything else is a package). `never`: places it may not import from. `$fn` stands for the importing file's own
 * function.
 */
export const LAYERS = [
  {
    name: 'types',
    files: /^types\//,
    only: ['types/', 'zod', 'dayjs'],
    why: 'types/ is the contract both sides share: it depends on zod and dayjs only',
  },
  {
    name: 'domain',
    files: /^cloudfunctions\/common\/domain\//,
    // node:crypto is the platform's own hashing (counter shards, check-in tokens), not an SDK or a database.
    only: ['types/', 'cloudfunctions/common/domain/', 'node:crypto'],
    why: 'domain code (state machines, rules, figures) depends on types/ only',
  },
  {
    name: 'shared function code',
    files: /^cloudfunctions\/common\//,
    never: [FUNCTION, /^src\//, /^emulator\//],
    why: "shared function code never reaches into one function's files, src/ or emulator/",
  },
  {
    name: 'function',
    files: FUNCTION,
    never: ['$otherFunction', /^src\//, /^emulator\//],
    why: "a function never imports another function's files (shared code lives in cloudfunctions/common/), src/ or emulator/",
  },
  {
    name: 'subpackage',
    files: /^src\/packages\//,
    never: [/^src\/pages\//, /^cloudfunctions\//, /^emulator\//],
    why: "a subpackage never imports a tab page's folder: shared client parts live in src/components, src/hooks or src/lib",
  },
  {
    name: 'client',
    files: /^src\//,
    never: [/^cloudfunctions\//, /^emulator\//],
    why: 'src/ depends on types/, never on cloudfunctions/ or emulator/',
  },
  {
    name: 'local cloud',
    files: /^emulator\//,
    // The seed counts its demo records with the domain's own pure rules, so the dashboard and a reconciliation
    // agree with it; the functions themselves run only as built bundles.
    never: [/^cloudfunctions\/(?!common\/domain\/)/],
    why: 'emulator/ runs the built function bundles and never imports their sources',
  },
];

/** Where an import lands: a repo path (`src/lib/x`), or a package name. */
export function target(specifier, fromFile) {
  for (const [alias, folder] of ALIASES) {
    if (specifier.startsWith(alias)) return { repoPath: folder + specifier.slice(alias.length) };
  }
  if (specifier.startsWith('.')) {
    const resolved = path
      .relative(ROOT, path.resolve(path.dirname(fromFile), specifier))
      .split(path.sep)
      .join('/');
    return { repoPath: resolved };
  }
  const parts = specifier.split('/');
  return { pkg: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}

/** Why `specifier` may not be imported from `file` (a repo-relative path), or null when it may. */
export function violation(file, specifier, layers = LAYERS) {
  const layer = layers.find((l) => l.files.test(file));
  if (!layer) return null;
  const to = target(specifier, path.join(ROOT, file));
  if (layer.only) {
    const allowed = layer.only.some((a) =>
      a.endsWith('/') ? to.repoPath !== undefined && to.repoPath.startsWith(a) : to.pkg === a,
    );
    return allowed ? null : layer.why;
  }
  if (to.repoPath === undefined) return null;
  const own = FUNCTION.exec(file)?.[1];
  const crosses = layer.never.some((n) => {
    if (n === '$otherFunction') {
      const other = FUNCTION.exec(to.repoPath + (to.repoPath.endsWith('/') ? '' : '/'))?.[1];
      return other !== undefined && other !== own;
    }
    return n.test(to.repoPath);
  });
  return crosses ? layer.why : null;
}

/** The rule: reports every import, export-from, dynamic import and require that crosses a layer. */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports run the way DESIGN §6 says' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: { crossed: "'{{specifier}}' crosses a layer: {{why}}." },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const allow = new Set(context.options[0]?.allow ?? []);
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      if (allow.has(node.value)) return;
      const why = violation(file, node.value);
      if (why) context.report({ node, messageId: 'crossed', data: { specifier: node.value, why } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      'CallExpression[callee.name="require"]': (n) => check(n.arguments[0]),
    };
  },
};

export default { rules: { layers: layersRule } };
