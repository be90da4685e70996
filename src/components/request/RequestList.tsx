import { Text, View } from '@tarojs/components';
import { navigateTo } from '@tarojs/taro';
import { Button } from '@/components/Button';
import { RequestCard } from './RequestCard';
import type { RequestListState } from '@/hooks/useRequestList';

/** A list of requests with its loading, empty and error notes and 加载更多. */
export function RequestList({ list, emptyText }: { list: RequestListState; emptyText: string }) {
  return (
    <View>
      {list.items.map((r) => (
        <RequestCard
          key={r._id}
          request={r}
          onOpen={() => navigateTo({ url: `/packages/request/detail?id=${r._id}` })}
        />
      ))}
      {list.error && <Text className="rq-error">{list.error.message}</Text>}
      {!list.loading && !list.error && list.items.length === 0 && <Text className="rq-note">{emptyText}</Text>}
      {list.loading && <Text className="rq-note">正在加载…</Text>}
      {list.more && !list.loading && (
        <Button className="rq-button" size="large" onClick={list.loadMore}>
          加载更多
        </Button>
      )}
    </View>
  );
}
