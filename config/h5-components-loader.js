/**
 * A webpack loader for the H5 build's `@tarojs/components/lib/react/components.js`: that one file makes every
 * React wrapper of Taro's web components, and each wrapper imports its component's definition. Webpack keeps a
 * definition when any page uses its wrapper and places it with the file, so every page's components (Picker,
 * Textarea, Input …) went into the first load. Here the file becomes a list of re-exports, one module per
 * component (`components.js?component=Picker`): the package declares itself free of side effects, so a page's
 * import goes straight to the modules of the components it uses, and each lands in the chunks of its own pages.
 */
const { URLSearchParams } = require('node:url');

const WRAPPER = /^const (\w+) = .*;$/;

module.exports = function perComponentModules(source) {
  const lines = source.split('\n');
  const wrappers = new Map(
    lines
      .map((line) => WRAPPER.exec(line))
      .filter(Boolean)
      .map((m) => [m[1], m[0]]),
  );
  if (wrappers.size === 0) throw new Error('h5-components-loader: no component wrappers found; has Taro changed?');
  const component = new URLSearchParams(this.resourceQuery.slice(1)).get('component');
  if (!component) {
    return [...wrappers.keys()]
      .map((name) => `export { ${name} } from './components.js?component=${name}';`)
      .join('\n');
  }
  const wrapper = wrappers.get(component);
  if (!wrapper) throw new Error(`h5-components-loader: no component ${component}`);
  // The file's imports (unused ones are dropped: their modules are free of side effects too) and the one wrapper.
  const imports = lines.filter((line) => line.startsWith('import ') && !/^import '/.test(line));
  return [...imports, wrapper, `export { ${component} };`].join('\n');
};
