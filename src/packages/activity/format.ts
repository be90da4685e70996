import { shanghai } from '@honglin/types/time';

/** 11月29日 19:30 (周日), in the town's time. */
export function when(iso: string): string {
  const d = shanghai(iso);
  const weekday = '日一二三四五六'[d.day()];
  return `${d.format('M月D日 HH:mm')}（周${weekday}）`;
}
