// babel-preset-taro as `taro init` sets it up for React + TypeScript.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
