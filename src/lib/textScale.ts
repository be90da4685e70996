// Plain decisions about text size, apart from Taro so they can be tested as they are.

/** Text scale in 长辈模式 (body text 16 → 20.8 CSS px, notes 14 → 18.2) and the tap-target scale (44 → 61.6 px). */
const ELDER_TEXT_SCALE = 1.3;
const ELDER_TAP_SCALE = 1.4;
/** WeChat's standard font size (我 → 设置 → 通用 → 字体大小), in px: the size our text scale 1 is drawn for. */
const STANDARD_FONT_SIZE = 16;
/** Beyond twice the size, rows and buttons stop fitting a phone's width. */
const MAX_SYSTEM_SCALE = 2;

/** Where WeChat's font-size setting can be read: the host's answers, each of which may be missing or throw. */
export interface FontSizeSources {
  /** `getAppBaseInfo()` (base library 2.20.1 and later). */
  appBaseInfo: () => object;
  /** `getSystemInfoSync()`: the older phones' only source. */
  systemInfo: () => object;
}

function read(source: () => object): number | undefined {
  try {
    const size = Number((source() as { fontSizeSetting?: unknown }).fontSizeSetting);
    return Number.isFinite(size) && size > 0 ? size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * WeChat's font-size setting, in px, as the app must follow it itself: in the weapp (WeChat draws its pages at the
 * sizes we give, whatever the setting), from getAppBaseInfo or, on base libraries without it, getSystemInfoSync.
 * In H5 never: WeChat's browser already zooms the page's text by the setting, and following it again would enlarge
 * it twice.
 */
export function fontSizeSetting(env: string | undefined, sources: FontSizeSources): number | undefined {
  if (env !== 'weapp') return undefined;
  return read(sources.appBaseInfo) ?? read(sources.systemInfo);
}

/** The setting as a scale of our text: 1 when it is not larger than standard, or unknown. */
export function systemTextScale(size: number | undefined): number {
  return size !== undefined && size > STANDARD_FONT_SIZE ? Math.min(size / STANDARD_FONT_SIZE, MAX_SYSTEM_SCALE) : 1;
}

/**
 * A root's scale variables: WeChat's font-size setting, and at least the 长辈模式 sizes when it is on; tap targets
 * grow with the text. Undefined when the stylesheet's defaults (normal, or the elder class's) apply.
 */
export function scaleStyle(system: number, elder: boolean): string | undefined {
  if (system === 1) return undefined;
  const text = Math.max(system, elder ? ELDER_TEXT_SCALE : 1);
  const tap = Math.max(text, elder ? ELDER_TAP_SCALE : 1);
  return `--hl-text-scale: ${text}; --hl-tap-scale: ${tap};`;
}
