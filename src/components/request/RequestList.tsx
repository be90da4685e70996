import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { Button } from '@/components/Button';
import { RequestCard } from './RequestCard';
import type { RequestSummary } from '@honglin/types/request';
import type { PagedList } from '@/hooks/usePagedList';

/** A list of requests with its loading, empty and error notes and 加载更多. */
export function RequestList({ list, emptyText }: { list: PagedList<RequestSummary>; emptyText: string }) {
  const error = list.error ?? list.moreError;
  return (
    <View>
      {list.items.map((r) => (
        <RequestCard
          key={r._id}
          request={r}
          onOpen={() => navigateTo({ url: `/packages/request/detail?id=${r._id}` })}
        />
      ))}
      {error && <Text className="rq-error">{error.message}</Text>}
      {!list.loading && !list.error && list.items.length === 0 && <Text className="rq-note">{emptyText}</Text>}
      {(list.loading || list.loadingMore) && <Text className="rq-note">正在加载…</Text>}
      {list.hasMore && !list.loadingMore && (
        <Button className="rq-button" size="large" onClick={list.more}>
          加载更多
        </Button>
      )}
    </View>
  );
}
