/**
 * webpack loader for zod's JIT files in the weapp build (config/weappWithoutEval.ts): their `const F = Function`
 * becomes a constructor that throws, which zod already handles as "no JIT here". With `jitless` set
 * (src/lib/zodSetup.ts) zod never reaches it. Fails the build when zod no longer has the line, so a zod upgrade
 * is looked at rather than silently let through (npm run size would then report what it uses instead).
 */
const FUNCTION_CONSTANT = /const F = Function;/g;
const THROWING = 'const F = function () { throw new Error("WeChat has no Function constructor"); };';

module.exports = function zodWithoutFunction(source) {
  const replaced = source.replace(FUNCTION_CONSTANT, THROWING);
  if (replaced === source) {
    throw new Error(`${this.resourcePath}: no "const F = Function;" to replace; see config/weappWithoutEval.ts`);
  }
  return replaced;
};
