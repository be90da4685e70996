// Build constants that Taro's webpack build defines, for the H5 runtime and our sources under jest (jsdom).
Object.assign(globalThis, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  // config/index.ts defineConstants
  HONGLIN_API_BASE: '',
  HONGLIN_CLOUD_ENV: '',
});
process.env.TARO_ENV = 'h5';
