import { fontSizeSetting, scaleStyle, systemTextScale } from '../../src/lib/textScale';

/** WeChat's font-size setting (fontSizeSetting) and 长辈模式: which sizes a page root gets, in each build. */
describe('following WeChat’s font-size setting', () => {
  const answers = (base: unknown, system: unknown = 16) => ({
    appBaseInfo: () => ({ fontSizeSetting: base }),
    systemInfo: () => ({ fontSizeSetting: system }),
  });
  const missing = () => {
    throw new TypeError('getAppBaseInfo is not a function');
  };

  it('is read in the weapp from getAppBaseInfo, else from getSystemInfoSync on older base libraries', () => {
    expect(fontSizeSetting('weapp', answers(20))).toBe(20);
    expect(fontSizeSetting('weapp', { appBaseInfo: missing, systemInfo: () => ({ fontSizeSetting: 22 }) })).toBe(22);
    expect(fontSizeSetting('weapp', answers(undefined, 18))).toBe(18);
    expect(fontSizeSetting('weapp', { appBaseInfo: missing, systemInfo: missing })).toBeUndefined();
  });

  it('is left to the browser in H5, which zooms the text by it already (never twice)', () => {
    expect(fontSizeSetting('h5', answers(24))).toBeUndefined();
    expect(fontSizeSetting(undefined, answers(24))).toBeUndefined();
  });

  it('scales our text only when larger than the standard 16 px, at most twice', () => {
    expect([undefined, Number.NaN, 14, 16].map((size) => systemTextScale(size as number | undefined))).toEqual([
      1, 1, 1, 1,
    ]);
    expect(systemTextScale(20)).toBe(1.25);
    expect(systemTextScale(40)).toBe(2);
  });

  it('gives the page root the larger of the setting and the 长辈模式 sizes, tap targets growing with the text', () => {
    expect(scaleStyle(1, false)).toBeUndefined();
    // The stylesheet's elder class holds 1.3 / 1.4 by itself.
    expect(scaleStyle(1, true)).toBeUndefined();
    expect(scaleStyle(1.25, false)).toBe('--hl-text-scale: 1.25; --hl-tap-scale: 1.25;');
    expect(scaleStyle(1.25, true)).toBe('--hl-text-scale: 1.3; --hl-tap-scale: 1.4;');
    expect(scaleStyle(1.5, true)).toBe('--hl-text-scale: 1.5; --hl-tap-scale: 1.5;');
  });
});
