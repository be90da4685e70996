// Named imports: the H5 runtime exposes its APIs as named exports only (the build rewrites Taro.x, jest does not).
import { getAppBaseInfo, getStorageSync, setStorageSync } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/** Local-storage key of the 长辈模式 (elder mode) choice. */
export const ELDER_MODE_KEY = 'honglin.elderMode';

/** Class of the H5 document root in 长辈模式 (the tab bar is not inside any page). */
export const ELDER_DOCUMENT_CLASS = 'hl-elder';

/** Local-storage key set once the first-launch question about 长辈模式 has been answered. */
export const ELDER_PROMPT_KEY = 'honglin.elderPrompted';

/** Root class that enlarges every text and tap target through the --hl-text-scale and --hl-tap-scale CSS variables. */
export const ELDER_MODE_CLASS = 'hl-page--elder';

/** The choice, read from storage once and then kept here; every open page follows it through useElderMode. */
let current: boolean | null = null;
const listeners = new Set<() => void>();

export function isElderMode(): boolean {
  if (current === null) {
    current = getStorageSync(ELDER_MODE_KEY) === true;
    markDocument(current);
  }
  return current;
}

/** H5 draws the tab bar outside every page: the document's root carries the mode so app.scss can enlarge it. */
function markDocument(on: boolean): void {
  if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle(ELDER_DOCUMENT_CLASS, on);
}

export function setElderMode(on: boolean): void {
  setStorageSync(ELDER_MODE_KEY, on);
  setStorageSync(ELDER_PROMPT_KEY, true);
  current = on;
  markDocument(on);
  for (const listener of listeners) listener();
}

/** Whether to ask, once, on first launch: nobody has chosen yet. */
export function shouldAskAboutElderMode(): boolean {
  return getStorageSync(ELDER_PROMPT_KEY) !== true;
}

/** 不用了: the question is answered without turning the mode on. */
export function declineElderMode(): void {
  setElderMode(false);
}

/** Text scale in 长辈模式 (body text 16 → 20.8 CSS px, notes 14 → 18.2) and the tap-target scale (44 → 61.6 px). */
const ELDER_TEXT_SCALE = 1.3;
const ELDER_TAP_SCALE = 1.4;
/** WeChat's standard font size (我 → 设置 → 通用 → 字体大小), in px: the size our text scale 1 is drawn for. */
const STANDARD_FONT_SIZE = 16;

/** WeChat's own font-size setting as a scale of our text (1 when not larger, or where the host does not say). */
export function systemTextScale(): number {
  // Only WeChat has the setting; H5's getAppBaseInfo, which has none, would bring a user-agent parser (40 KB) into
  // the first load: the build drops this branch there.
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const size = Number((getAppBaseInfo() as { fontSizeSetting?: number }).fontSizeSetting);
      return Number.isFinite(size) && size > STANDARD_FONT_SIZE ? Math.min(size / STANDARD_FONT_SIZE, 2) : 1;
    } catch {
      return 1;
    }
  }
  return 1;
}

/**
 * The page root's scale variables: WeChat's font-size setting, and at least the 长辈模式 sizes when it is on; tap
 * targets grow with the text. Undefined when the stylesheet's defaults apply.
 */
export function textScaleStyle(elder: boolean): string | undefined {
  const system = systemTextScale();
  if (system === 1) return undefined;
  const text = Math.max(system, elder ? ELDER_TEXT_SCALE : 1);
  const tap = Math.max(text, elder ? ELDER_TAP_SCALE : 1);
  return `--hl-text-scale: ${text}; --hl-tap-scale: ${tap};`;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The 长辈模式 choice, live: a component using it re-renders when the choice changes. */
export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, isElderMode);
}
