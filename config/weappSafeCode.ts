/**
 * Makes the weapp's code loadable wherever WeChat runs, as `npm run size` checks it (scripts/weappCode.ts):
 * ES2017 syntax (the upload keeps `es6: false`, so old iPhones get what the build writes) and no code compiled from
 * strings (`new Function`, `eval`: WeChat does not run it, on devices `Function` returns a useless value instead of
 * throwing, and its review rejects packages that contain it). Taro's babel already handles src/ and types/; the rest:
 *
 * - webpack's runtime finds the global object with `new Function('return this')` when `globalThis` is missing;
 *   here it takes `globalThis` or, failing that, nothing (Taro's runtime already copes with no global object).
 *
 * zod (ES2020+, with a JIT built on `Function`) never reaches the client: answers are read by plain code
 * (readEnvelope in types/envelope.ts) and types/ schemas tree-shake away (config/babel-pure-contracts.js).
 */
import type { Compiler } from 'webpack';

type Chain = {
  plugin(name: string): { use(plugin: unknown, args?: unknown[]): unknown };
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
export function weappSafeCode(chain: Chain): void {
  chain.plugin(NAME).use(GlobalWithoutEvalPlugin);
}
