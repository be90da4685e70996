import Taro from '@tarojs/taro';

/** Local-storage key of the 长辈模式 (elder mode) choice. */
export const ELDER_MODE_KEY = 'honglin.elderMode';

/** Root class that enlarges every text through the --hl-text-scale CSS variable. */
export const ELDER_MODE_CLASS = 'hl-page--elder';

export function isElderMode(): boolean {
  return Taro.getStorageSync(ELDER_MODE_KEY) === true;
}

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_MODE_KEY, on);
}
