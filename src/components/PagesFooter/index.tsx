import { Button, Text } from '@tarojs/components';
import type { PagedList } from '@/hooks/usePagedList';

/** Below a paged list of the hl- styled pages (admin, households): 正在加载…, the error, or the button that loads the next page. */
export function PagesFooter<T>({ list, moreText }: { list: PagedList<T>; moreText: string }) {
  if (list.loading || list.loadingMore) return <Text className="hl-note">正在加载…</Text>;
  const error = list.error ?? list.moreError;
  if (error) return <Text className="hl-error">{error.message}</Text>;
  return list.hasMore ? (
    <Button className="hl-button" onClick={list.more}>
      {moreText}
    </Button>
  ) : null;
}
