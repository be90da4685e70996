// Named imports: the H5 runtime exposes its APIs as named exports only (the build rewrites Taro.x, jest does not).
import { getAppBaseInfo, getStorageSync, getSystemInfoSync, setStorageSync } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { fontSizeSetting, scaleStyle, systemTextScale } from './textScale';

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

/**
 * The page root's scale variables (see scaleStyle): WeChat's font-size setting, read where the app must follow it
 * itself (the weapp), and the 长辈模式 sizes.
 */
export function textScaleStyle(elder: boolean): string | undefined {
  // Only the weapp reads WeChat's setting. In H5, getAppBaseInfo would bring a user-agent parser (40 KB) into the
  // first load: the build drops this branch there.
  const size =
    process.env.TARO_ENV === 'weapp'
      ? fontSizeSetting('weapp', { appBaseInfo: getAppBaseInfo, systemInfo: getSystemInfoSync })
      : undefined;
  return scaleStyle(systemTextScale(size), elder);
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
