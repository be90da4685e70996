import { useState, type DependencyList } from 'react';
import { Button, Text } from '@tarojs/components';
import type { Page } from '@honglin/types/common';
import type { Envelope } from '@honglin/types/envelope';
import { useQuery, type QueryState } from '@/lib/useQuery';

interface Pages<T> {
  /** The items of every page loaded so far, oldest page first. */
  items: T[];
  /** The latest page's query. */
  query: QueryState<Page<T>>;
  /** Keeps what is shown and loads the next page. */
  more: () => void;
  /** Starts again from the first page (call it with the change of filter that needs it). */
  restart: () => void;
}

/** A list loaded page by page through a cursor: `load(cursor)` is one of the typed list actions. */
export function usePages<T>(
  load: (cursor: string | undefined) => Promise<Envelope<Page<T>>>,
  deps: DependencyList,
): Pages<T> {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [earlier, setEarlier] = useState<T[]>([]);
  const { query } = useQuery(() => load(cursor), [...deps, cursor]);
  const items = [...earlier, ...(query.status === 'success' ? query.data.items : [])];
  return {
    items,
    query,
    more: () => {
      if (query.status !== 'success') return;
      setEarlier(items);
      setCursor(query.data.nextCursor);
    },
    restart: () => {
      setEarlier([]);
      setCursor(undefined);
    },
  };
}

/** Below a paged list: 正在加载…, the error, or the button that loads the next page. */
export function PagesFooter<T>({ pages, moreText }: { pages: Pages<T>; moreText: string }) {
  const { query } = pages;
  if (query.status === 'loading') return <Text className="hl-note">正在加载…</Text>;
  if (query.status === 'error') return <Text className="hl-error">{query.error.message}</Text>;
  return query.data.nextCursor ? (
    <Button className="hl-button" onClick={pages.more}>
      {moreText}
    </Button>
  ) : null;
}
