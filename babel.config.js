const path = require('node:path');

// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    // NutUI on demand: each imported component brings only its own code and compiled CSS.
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        style: 'css',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
  overrides: [
    // The contracts: the client bundles keep only the schemas and constants they use (config/babel-pure-contracts.js).
    { test: path.join(__dirname, 'types'), plugins: [require.resolve('./config/babel-pure-contracts.js')] },
  ],
  env: {
    // Under jest (components project) babel also compiles node_modules, including jest's own runner, whose
    // private class methods trip babel-preset-taro's class-properties plugin unless this one runs beside it.
    test: { plugins: ['@babel/plugin-transform-private-methods'] },
  },
};
