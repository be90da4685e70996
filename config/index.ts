import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import type { Input } from 'postcss';
import type Chain from 'webpack-chain';
import devConfig from './dev';
import { h5SplitChunks } from './h5-split-chunks';
import settings from './honglin.json';
import { ModuleManifestPlugin } from './module-manifest';
import prodConfig from './prod';
import { weappSafeCode } from './weappSafeCode';

const root = path.resolve(__dirname, '..');
const platform = process.env.TARO_ENV ?? 'weapp';
/** The shared contracts live outside src/, so Taro must be told to compile them (TypeScript) too. */
const typesDir = path.join(root, 'types');

/**
 * The contracts' modules are free of side effects but for zod-locale (imported by the cloud functions for its
 * `z.config`) and time.ts's dayjs setup, which matters only to what uses time.ts. Told so, webpack leaves out a
 * contract module whose exports a bundle does not use, and what it imports: dayjs stays out of the pages that
 * write no date, e.g. H5's first load.
 */
function contractsFreeOfSideEffects(chain: Chain): void {
  chain.module
    .rule('contracts-free-of-side-effects')
    .test(/\.ts$/)
    .include.add(typesDir)
    .end()
    .exclude.add(path.join(typesDir, 'zod-locale.ts'))
    .end()
    .set('sideEffects', false);
}

/** NutUI is drawn on a 375 px design, our own styles on 750 px. */
function designWidth(input?: string | number | Input): number {
  const file = typeof input === 'object' ? (input.file ?? '') : '';
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'honglin',
    date: '2026-11-28',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // weapp and h5 each get their own root: a shared `dist/` is wiped by whichever builds last.
    outputRoot: `dist/${platform}`,
    // DevTools opens the repository root: its project.config.json points at dist/weapp and dist/cloudfunctions.
    // Taro also writes a project.config.json into dist/weapp with miniprogramRoot forced to './'; copying the
    // root file there would leave cloudfunctionRoot pointing at dist/weapp/dist/cloudfunctions. So the copy comes
    // from src/project.weapp.json, whose cloudfunctionRoot '../cloudfunctions/' is relative to dist/weapp.
    projectConfigName: 'project.weapp.json',
    alias: {
      '@': path.join(root, 'src'),
      '@honglin/types': typesDir,
    },
    defineConstants: {
      // Base of the H5 calls to the dev gateway; empty means the page's own origin.
      HONGLIN_API_BASE: JSON.stringify(process.env.HONGLIN_API_BASE ?? ''),
      // The cloud-development environment the weapp calls (Taro.cloud.init): the town's, from config/honglin.json,
      // the same one the deploy script deploys to (its dry-run checks the built app.js names it).
      HONGLIN_CLOUD_ENV: JSON.stringify(settings.cloudEnv),
    },
    // The weapp's sitemap.json (app.config sitemapLocation) keeps detail, admin, stats and account pages out of search.
    copy: {
      patterns: platform === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [],
      options: {},
    },
    framework: 'react',
    // The weapp's base.wxml unrolls one template level per depth of the page tree (about 2.6 KB each); deeper nodes
    // render through Taro's `comp` component (virtual host, page styles shared), as they did past 16. 15 levels, not
    // 16, keep the main package within 1.3x the bare app's.
    baseLevel: 15,
    compiler: {
      type: 'webpack5',
      // Prebundling NutUI pulls in every component (dev output grows to 3.6 MB); babel-plugin-import picks them one by one.
      prebundle: { exclude: ['@nutui/nutui-react-taro', '@nutui/icons-react-taro'] },
    },
    cache: { enable: false },
    // Taro's terser writes every non-ASCII character of the weapp as \uXXXX: 6 bytes for each Chinese character of
    // the UI where UTF-8 (which WeChat reads JS files as) takes 3; about 6 KB of the main package. H5 already has it.
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      // types/ lives outside src/: Taro transpiles only src/ unless told.
      compile: { include: [path.join(root, 'types')] },
      webpackChain(chain) {
        // ES2017 and no `new Function` in the package (config/weappSafeCode.ts).
        weappSafeCode(chain);
        contractsFreeOfSideEffects(chain);
        chain.plugin('module-manifest').use(ModuleManifestPlugin, [root]);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        // WeChat runs WebKit (iOS) and Chromium-based engines only: the browserslist's IE and old Edge add -ms- rules
        // that no phone reads (about 1 KB of the main package).
        autoprefixer: { enable: true, config: { overrideBrowserslist: ['Android >= 4.1', 'ios >= 8'] } },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile: { include: [path.join(root, 'types')] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      webpackChain(chain, webpack) {
        chain.plugin('module-manifest').use(ModuleManifestPlugin, [root]);
        contractsFreeOfSideEffects(chain);
        if (process.env.NODE_ENV !== 'development') chain.optimization.splitChunks(h5SplitChunks);
        // One module per Taro component, so a page's components load with that page (config/h5-components-loader.js).
        chain.module
          .rule('taro-components-per-module')
          .test(/[\\/]@tarojs[\\/]components[\\/]lib[\\/]react[\\/]components\.js$/)
          .use('per-component')
          .loader(path.join(__dirname, 'h5-components-loader.js'));
        // @tarojs/components' React wrappers carry a copy of tslib of their own; the app's one is already loaded.
        chain
          .plugin('one-tslib')
          .use(webpack.NormalModuleReplacementPlugin, [
            /[\\/]node_modules[\\/]\.pnpm[\\/].*[\\/]tslib[\\/]tslib\.es6\.js$/,
            require.resolve('tslib/tslib.es6.mjs'),
          ]);
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
