import { useSyncExternalStore } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { TabPage } from './tabs';

/**
 * The tab shown now. WeChat gives each tab page its own instance of the custom tab bar; every instance draws from
 * this one value, which each tab page sets when shown (however it was reached) and a tap on a tab sets at once.
 */
let shown: TabPage | null = null;
const listeners = new Set<() => void>();

export function showTab(page: TabPage): void {
  if (page === shown) return;
  shown = page;
  for (const listener of listeners) listener();
}

/** A tab page's mark: the tab bar highlights it whenever it is shown. */
export function useTabPage(page: TabPage): void {
  useDidShow(() => showTab(page));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The shown tab, live. */
export function useShownTab(): TabPage | null {
  return useSyncExternalStore(subscribe, () => shown);
}
