import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/Button';
import type { PledgeSummary } from '@honglin/types/pledge';
import type { PagedList } from '@/hooks/usePagedList';
import './pledge-list.scss';

interface PledgeListProps {
  list: PagedList<PledgeSummary>;
  emptyText: string;
  renderItem: (pledge: PledgeSummary) => ReactNode;
}

/**
 * A list inside a page (under its filters): its own loading, error and empty lines, then the items and a big
 * 加载更多 button (no scroll gestures needed).
 */
export function PledgeList({ list, emptyText, renderItem }: PledgeListProps) {
  if (list.loading) return <Text className="pl-note">正在加载…</Text>;
  if (list.error) {
    return (
      <View className="pl-section">
        <Text className="pl-form__error">{list.error.message}</Text>
        <Button className="pl-button" size="large" onClick={list.reload}>
          重试
        </Button>
      </View>
    );
  }
  if (list.items.length === 0) return <Text className="pl-note">{emptyText}</Text>;
  return (
    <View>
      {list.items.map(renderItem)}
      {list.moreError && <Text className="pl-form__error">{list.moreError.message}</Text>}
      {list.hasMore ? (
        <Button className="pl-button" size="large" block loading={list.loadingMore} onClick={list.more}>
          加载更多
        </Button>
      ) : (
        <Text className="pl-note">没有更多了</Text>
      )}
    </View>
  );
}
