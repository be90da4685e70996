/**
 * Babel plugin, applied to types/ only (babel.config.js): lets the client bundle keep just the part of a contract
 * module that it uses.
 *
 * A page imports a label or a list from types/request.ts; the module also builds the zod schemas of every action
 * at its top level, and a bundler must keep a call it cannot prove free of side effects, so each such import used
 * to bring all of zod into the weapp main package and into every H5 chunk. This plugin wraps the initialiser of
 * each top-level `const` (but a literal, a name or a function) in an IIFE marked `#__PURE__`:
 *
 *   export const idSchema = z.string().min(1);   →   export const idSchema = /*#__PURE__*\/ (() => z.string().min(1))();
 *
 * It runs at the same moment with the same result, but webpack (inner-graph + usedExports) and terser may now
 * drop it when nothing uses it; a module left with no used reference to zod then drops zod too.
 *
 * What it asks of types/: an initialiser of a top-level `const` is computed for its value only. A side effect
 * that must happen (zod-locale's `z.config`) is a statement of its own, which this plugin leaves as it is.
 */
module.exports = function pureContracts({ types: t }) {
  return {
    name: 'pure-contracts',
    visitor: {
      Program(program) {
        for (const statement of program.get('body')) {
          const declaration = statement.isExportNamedDeclaration() ? statement.get('declaration') : statement;
          if (!declaration.isVariableDeclaration() || declaration.node.kind !== 'const') continue;
          for (const declarator of declaration.get('declarations')) {
            const init = declarator.get('init');
            if (!init.node || pureForWebpack(init)) continue;
            const iife = t.callExpression(t.arrowFunctionExpression([], init.node), []);
            t.addComment(iife, 'leading', '#__PURE__');
            init.replaceWith(iife);
          }
        }
      },
    },
  };
};

/**
 * Whether webpack already sees the expression as free of side effects (a literal, a name, a function or a
 * class): anything else, an object or array literal included, is wrapped, or the names it refers to would count
 * as used even when the constant is not.
 */
function pureForWebpack(path) {
  const inner = path.isTSAsExpression() || path.isTSSatisfiesExpression() ? path.get('expression') : path;
  return inner.isLiteral() || inner.isIdentifier() || inner.isFunction() || inner.isClass();
}
