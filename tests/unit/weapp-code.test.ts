import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloudInitEnvs, weappCodeProblems } from '../../scripts/weappCode';

/** The check `npm run size` makes on dist/weapp, on small packages written for each case. */
function problemsOf(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'honglin-weapp-code-'));
  try {
    for (const [name, code] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), code);
    }
    return weappCodeProblems(dir).map((p) => `${p.file}:${p.line} ${p.kind}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('weapp code check', () => {
  it('passes ES2017 code that only reads properties of Function', () => {
    const es2017 = [
      'async function f(a) { const { b } = a; return `${b}` + (await g()); }',
      'var native = Function.prototype.toString.call(f);',
      'var isFn = f instanceof Function;',
    ].join('\n');
    expect(problemsOf({ 'app.js': es2017, 'pages/home/index.js': 'var x = 1 ** 2;', 'app.json': '{}' })).toEqual([]);
  });

  it.each([
    ['nullish coalescing', 'var a = b ?? c;'],
    ['optional chaining', 'var a = b?.c;'],
    ['catch without a binding', 'try { f(); } catch { g(); }'],
    ['object spread', 'var a = { ...b };'],
  ])('refuses syntax newer than ES2017: %s', (_name, code) => {
    expect(problemsOf({ 'vendors.js': `var ok = 1;\n${code}` })).toEqual(['vendors.js:2 syntax']);
  });

  it.each([
    ['new Function', 'var g = new Function("return this")();'],
    ['Function called', 'var g = Function("return this")();'],
    ['Function kept under another name', 'const F = Function;\nnew F("");'],
    ['eval', 'eval("1 + 1");'],
    ['eval kept under another name', 'var e = eval;'],
  ])('refuses code compiled from a string: %s', (_name, code) => {
    expect(problemsOf({ 'runtime.js': code })).toEqual([expect.stringMatching(/^runtime\.js:\d code-from-string$/)]);
  });
});

describe('the cloud environment a built app.js calls', () => {
  it('reads the env of cloud.init as Taro writes it', () => {
    expect(cloudInitEnvs('var t=n(1);t.Ay.cloud.init({env:"luyuan-7g2k",traceUser:!1});')).toEqual(['luyuan-7g2k']);
    expect(cloudInitEnvs('wx.cloud.init({traceUser:!1,env:"a"});cloud.init({env:"b"})')).toEqual(['a', 'b']);
  });

  it('says when the env is not a fixed id, and finds nothing without an init', () => {
    expect(cloudInitEnvs('o.cloud.init({env:void 0,traceUser:!0})')).toEqual([null]);
    expect(cloudInitEnvs('o.cloud.init({env:e||void 0})')).toEqual([null]);
    expect(cloudInitEnvs('db.init({env:"x"}); App({})')).toEqual([]);
  });
});
