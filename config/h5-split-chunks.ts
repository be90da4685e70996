import type { Configuration } from 'webpack';

type SplitChunks = Exclude<NonNullable<Configuration['optimization']>['splitChunks'], false | undefined>;

/**
 * How the H5 build splits its code. Taro's own setting splits only the initial chunks, so every page, loaded on
 * demand, carried its own copy of whatever it shared with other pages (Taro's components, NutUI, dayjs): one
 * library in up to 37 chunks. Here any module used by two or more chunks goes, once, into a chunk of its own
 * shared by exactly the chunks that use it, however small (`npm run size` fails on a module found in two chunks).
 */
export const h5SplitChunks: SplitChunks = {
  chunks: 'all',
  minSize: 0,
  minSizeReduction: 0,
  maxAsyncRequests: Infinity,
  maxInitialRequests: Infinity,
  cacheGroups: {
    default: false,
    defaultVendors: false,
    shared: { minChunks: 2, reuseExistingChunk: true },
  },
};
