/**
 * webpack loader for zod in the weapp build (config/weappSafeCode.ts). zod ships ES2020+ (`??`, `?.`, object
 * spread, `catch {}`), which phones on iOS below 13.4 cannot load, and the upload does not transpile: esbuild lowers
 * it to ES2017 and nothing further (babel's ES5 output of zod was 30 KB larger). In zod's JIT files the
 * `const F = Function` becomes a constructor that throws, which zod already handles as "no JIT here"; with
 * `jitless` set (src/lib/zodSetup.ts) zod never reaches it. The build fails when a JIT file no longer has that
 * line, so a zod upgrade is looked at rather than let through (npm run size would report what it uses instead).
 */
const path = require('node:path');
const { transformSync } = require('esbuild');

const JIT_FILE = /[\\/]zod[\\/]v4[\\/]core[\\/](util|doc|compile)\.js$/;
const FUNCTION_CONSTANT = /const F = Function;/g;
const THROWING = 'const F = function () { throw new Error("WeChat has no Function constructor"); };';

module.exports = function zodForWeapp(source) {
  let code = source;
  if (JIT_FILE.test(this.resourcePath)) {
    code = source.replace(FUNCTION_CONSTANT, THROWING);
    if (code === source) {
      throw new Error(`${this.resourcePath}: no "const F = Function;" to replace; see config/zodForWeapp.js`);
    }
  }
  return transformSync(code, { target: 'es2017', format: 'esm', sourcefile: path.basename(this.resourcePath) }).code;
};
