// Named imports: the H5 runtime exposes its APIs as named exports only (the build rewrites Taro.x, jest does not).
import { getStorageSync, setStorageSync } from '@tarojs/taro';

/** Local-storage key of the 长辈模式 (elder mode) choice. */
export const ELDER_MODE_KEY = 'honglin.elderMode';

/** Root class that enlarges every text through the --hl-text-scale CSS variable. */
export const ELDER_MODE_CLASS = 'hl-page--elder';

export function isElderMode(): boolean {
  return getStorageSync(ELDER_MODE_KEY) === true;
}

export function setElderMode(on: boolean): void {
  setStorageSync(ELDER_MODE_KEY, on);
}
