import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/Button';
import { PrivacyPrompt } from '@/components/PrivacyDialog';
import { ELDER_MODE_CLASS, useElderMode } from '@/lib/elderMode';
import type { QueryState } from '@/lib/useQuery';
import './index.scss';

interface PageShellProps<T> {
  /** The page's data; omit it for a page that loads nothing. */
  query?: QueryState<T>;
  /** Runs the query again (error and sign-in states offer it as a button). */
  onRetry?: () => void;
  /** True when the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  children: ReactNode | ((data: T) => ReactNode);
}

/**
 * The frame of every page: it owns the loading, empty, error and sign-in states so pages only
 * render their data, and it carries the 长辈模式 root class (live: an open page follows the toggle). It also holds
 * the privacy question WeChat asks before a private-info API runs (PrivacyPrompt), so every page can answer it.
 */
export function PageShell<T>({ query, onRetry, isEmpty, emptyText = '暂无内容', children }: PageShellProps<T>) {
  const elder = useElderMode();
  return (
    <View className={`hl-page${elder ? ` ${ELDER_MODE_CLASS}` : ''}`}>
      {renderBody(query, onRetry, isEmpty, emptyText, children)}
      <PrivacyPrompt />
    </View>
  );
}

function renderBody<T>(
  query: QueryState<T> | undefined,
  onRetry: (() => void) | undefined,
  isEmpty: ((data: T) => boolean) | undefined,
  emptyText: string,
  children: ReactNode | ((data: T) => ReactNode),
): ReactNode {
  if (!query) {
    return typeof children === 'function' ? null : children;
  }
  switch (query.status) {
    case 'loading':
      return <StateNote kind="loading" text="正在加载…" />;
    case 'error':
      if (query.error.code === 'UNAUTHENTICATED') {
        return <StateNote kind="sign-in" text={query.error.message} actionText="重新识别身份" onAction={onRetry} />;
      }
      return <StateNote kind="error" text={query.error.message} actionText="重试" onAction={onRetry} />;
    case 'success':
      if (isEmpty?.(query.data)) {
        return <StateNote kind="empty" text={emptyText} />;
      }
      return typeof children === 'function' ? children(query.data) : children;
  }
}

interface StateNoteProps {
  kind: 'loading' | 'empty' | 'error' | 'sign-in';
  text: string;
  actionText?: string;
  onAction?: () => void;
}

function StateNote({ kind, text, actionText, onAction }: StateNoteProps) {
  return (
    <View className={`hl-state hl-state--${kind}`}>
      <Text className="hl-state__text">{text}</Text>
      {actionText && onAction && (
        <Button className="hl-state__action" type="primary" size="large" onClick={onAction}>
          {actionText}
        </Button>
      )}
    </View>
  );
}
