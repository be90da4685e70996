import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { getCurrentPages, navigateBack, reLaunch } from '@tarojs/taro';
import type { ApiError, ErrorCode } from '@honglin/types/envelope';
import { Button } from '@/components/Button';
import { PrivacyPrompt } from '@/components/PrivacyDialog';
import { ELDER_MODE_CLASS, textScaleStyle, useElderMode } from '@/lib/elderMode';
import type { QueryState } from '@/lib/useQuery';
import './index.scss';

const HOME_PAGE = '/pages/home/index';

interface PageShellProps<T> {
  /** The page's data; omit it for a page that loads nothing. */
  query?: QueryState<T>;
  /** Runs the query again (error states where that can help, and the sign-in state, offer it as a button). */
  onRetry?: () => void;
  /** True when the loaded data has nothing to show. */
  isEmpty?: (data: T) => boolean;
  emptyText?: string;
  /** Shown above the page's data in every state (a month switcher, filter chips): inside the page's frame. */
  header?: ReactNode;
  children: ReactNode | ((data: T) => ReactNode);
}

/**
 * The frame of every page: it owns the loading, empty, error and sign-in states so pages only
 * render their data, and it carries the 长辈模式 root class (live: an open page follows the toggle). It also holds
 * the privacy question WeChat asks before a private-info API runs (PrivacyPrompt), so every page can answer it.
 */
export function PageShell<T>({ query, onRetry, isEmpty, emptyText = '暂无内容', header, children }: PageShellProps<T>) {
  const elder = useElderMode();
  return (
    <View className={`hl-page${elder ? ` ${ELDER_MODE_CLASS}` : ''}`} style={textScaleStyle(elder)}>
      {header}
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
      return <ErrorNote error={query.error} onRetry={onRetry} />;
    case 'success':
      if (isEmpty?.(query.data)) {
        return <StateNote kind="empty" text={emptyText} />;
      }
      return typeof children === 'function' ? children(query.data) : children;
  }
}

/** What to do about each kind of failure, and whether the same call can succeed when made again. */
const ERROR_ADVICE: Record<ErrorCode, { hint: string; retry: boolean }> = {
  UNAUTHENTICATED: { hint: '请点“重新识别身份”；仍不行时请退出小程序后重新打开。', retry: true },
  FORBIDDEN: { hint: '这一页不对您当前的身份开放。如果您认为应该能看，请联系村里的管理员。', retry: false },
  NOT_FOUND: { hint: '要找的内容不存在或已被删除，请返回上一页看看。', retry: false },
  INVALID_ARGUMENT: { hint: '打开这一页的链接不完整，请返回上一页重新进入。', retry: false },
  CONFLICT: { hint: '内容刚刚有了变化，请点“重试”看最新的情况。', retry: true },
  CONTENT_REJECTED: { hint: '请返回上一页修改后再试。', retry: false },
  RATE_LIMITED: { hint: '操作太频繁了，请稍等一会儿再点“重试”。', retry: true },
  INTERNAL: { hint: '请稍后点“重试”；一直不行时请返回，过一会儿再来。', retry: true },
  NETWORK: { hint: '请检查手机网络后点“重试”。', retry: true },
};

/** The routes of the open pages, bottom first (none outside a running app, e.g. under test). */
function openRoutes(): string[] {
  try {
    return getCurrentPages().map((p) => (p.route ?? '').replace(/^\//, ''));
  } catch {
    return [];
  }
}

/** What happened, what to do, and a way on: 重试 where trying again can help, 返回 and 回首页 always. */
function ErrorNote({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const advice = ERROR_ADVICE[error.code] ?? ERROR_ADVICE.INTERNAL;
  const signIn = error.code === 'UNAUTHENTICATED';
  const retryText = signIn ? '重新识别身份' : '重试';
  const routes = openRoutes();
  // 返回 when a page lies below this one; 回首页 everywhere but on 首页 itself.
  const canGoBack = routes.length > 1;
  const onHome = routes.at(-1)?.startsWith(HOME_PAGE.slice(1)) ?? false;
  return (
    <View className={`hl-state hl-state--${signIn ? 'sign-in' : 'error'}`}>
      <Text className="hl-state__text">{error.message}</Text>
      <Text className="hl-state__hint">{advice.hint}</Text>
      {advice.retry && onRetry && (
        <Button className="hl-state__action" type="primary" size="large" onClick={onRetry}>
          {retryText}
        </Button>
      )}
      {canGoBack && (
        <Button className="hl-state__action" size="large" onClick={() => navigateBack()}>
          返回
        </Button>
      )}
      {!onHome && (
        <Button className="hl-state__action" size="large" onClick={() => reLaunch({ url: HOME_PAGE })}>
          回首页
        </Button>
      )}
    </View>
  );
}

function StateNote({ kind, text }: { kind: 'loading' | 'empty'; text: string }) {
  return (
    <View className={`hl-state hl-state--${kind}`}>
      <Text className="hl-state__text">{text}</Text>
    </View>
  );
}
