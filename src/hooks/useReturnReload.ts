import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/** Reloads when the page shows again (coming back from a detail or a form), not on its first show. */
export function useReturnReload(reload: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });
}
