/**
 * Keeps code-from-strings (`new Function`, `eval`) out of the weapp build: WeChat does not run it (on devices
 * `Function` returns a useless value instead of throwing) and its review rejects packages that contain it.
 * `npm run size` checks the result (scripts/weappCode.ts). Two sources put it there:
 *
 * - webpack's runtime finds the global object with `new Function('return this')` when `globalThis` is missing;
 *   here it takes `globalThis` or, failing that, nothing (Taro's runtime already copes with no global object).
 * - zod keeps `const F = Function` for its JIT, which src/lib/zodSetup.ts turns off (`jitless`); the loader
 *   config/zodWithoutFunction.js replaces that dead constructor with one that throws.
 */
import path from 'node:path';
import type { Compiler } from 'webpack';

type Chain = {
  plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown };
  module: {
    rule(name: string): {
      test(pattern: RegExp): {
        enforce(when: 'pre'): { use(name: string): { loader(file: string): unknown } };
      };
    };
  };
};

const NAME = 'HonglinGlobalWithoutEval';

/** Replaces webpack's runtime module for `__webpack_require__.g` with one that never compiles a string. */
class GlobalWithoutEvalPlugin {
  apply(compiler: Compiler): void {
    const { RuntimeGlobals, RuntimeModule } = compiler.webpack;
    class GlobalRuntimeModule extends RuntimeModule {
      constructor() {
        super('global');
      }
      generate(): string {
        return `${RuntimeGlobals.global} = typeof globalThis === 'object' ? globalThis : undefined;`;
      }
    }
    compiler.hooks.compilation.tap(NAME, (compilation) => {
      // Runs before webpack's own tap (stage 0), and returning true stops it from adding its version.
      compilation.hooks.runtimeRequirementInTree.for(RuntimeGlobals.global).tap({ name: NAME, stage: -10 }, (chunk) => {
        compilation.addRuntimeModule(chunk, new GlobalRuntimeModule());
        return true;
      });
    });
  }
}

/** `mini.webpackChain` of config/index.ts. */
export function weappWithoutEval(chain: Chain): void {
  chain.plugin(NAME).use(GlobalWithoutEvalPlugin);
  chain.module
    .rule('zod-without-function')
    .test(/[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/](util|doc|compile)\.js$/)
    .enforce('pre')
    .use('zod-without-function')
    .loader(path.join(__dirname, 'zodWithoutFunction.js'));
}
