import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ApiError } from '@honglin/types/envelope';
import './pledge.scss';

interface ListFootProps {
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | null;
  onMore: () => void;
}

/** The end of a paginated list: a big 加载更多 button (no scroll gestures needed), or the error of the last try. */
export function ListFoot({ hasMore, loadingMore, moreError, onMore }: ListFootProps) {
  return (
    <View className="pl-section">
      {moreError && <Text className="pl-form__error">{moreError.message}</Text>}
      {hasMore ? (
        <Button className="pl-button" size="large" block loading={loadingMore} onClick={onMore}>
          加载更多
        </Button>
      ) : (
        <Text className="pl-note">没有更多了</Text>
      )}
    </View>
  );
}
