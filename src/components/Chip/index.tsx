import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';

/** The areas whose stylesheet styles `<area>-chip` and `<area>-chip--on` (account/admin, pledge, request, stats). */
export type ChipArea = 'hl' | 'pl' | 'rq' | 'st';

interface ChipProps {
  area: ChipArea;
  /** The chosen one of its row. */
  on: boolean;
  onTap?: () => void;
  children: ReactNode;
}

/** A one-tap choice in a row of chips (a filter, a category, a grade). */
export function Chip({ area, on, onTap, children }: ChipProps) {
  return (
    <Text className={`${area}-chip${on ? ` ${area}-chip--on` : ''}`} onClick={onTap}>
      {children}
    </Text>
  );
}
