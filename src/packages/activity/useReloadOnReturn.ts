import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/** Loads the page again when the user comes back to it (e.g. after recording on the next page), not on first show. */
export function useReturnReload(reload: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });
}
