// Named imports: the H5 runtime exposes its APIs as named exports only (the build rewrites Taro.x, jest does not).
import { getStorageSync, setStorageSync } from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/** Local-storage key of the 长辈模式 (elder mode) choice. */
export const ELDER_MODE_KEY = 'honglin.elderMode';

/** Root class that enlarges every text through the --hl-text-scale CSS variable. */
export const ELDER_MODE_CLASS = 'hl-page--elder';

/** The choice, read from storage once and then kept here; every open page follows it through useElderMode. */
let current: boolean | null = null;
const listeners = new Set<() => void>();

export function isElderMode(): boolean {
  if (current === null) current = getStorageSync(ELDER_MODE_KEY) === true;
  return current;
}

export function setElderMode(on: boolean): void {
  setStorageSync(ELDER_MODE_KEY, on);
  current = on;
  for (const listener of listeners) listener();
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
