import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '@honglin/types/common';
import type { ApiError, Envelope } from '@honglin/types/envelope';

/** A list loaded page by page, as a page shows it: its items, the first page's state and the next page's. */
export interface PagedList<T> {
  /** Every page loaded so far for the current filter, oldest first. */
  items: T[];
  /** The first page is on its way (a new filter or reload()); after a reload the old items stay until it lands. */
  loading: boolean;
  /** The first page failed. */
  error: ApiError | null;
  hasMore: boolean;
  loadingMore: boolean;
  /** The next page failed (the items loaded so far stay). */
  moreError: ApiError | null;
  /** Loads the next page and appends it. */
  more: () => void;
  /** Loads the first page again for the same filter. */
  reload: () => void;
}

/** A list action's input without its cursor, for each variant of a union (a scope's own filters). */
type Filter<I> = I extends unknown ? Omit<I, 'cursor'> : never;

/**
 * Loads `load(filter)` page by page: the first page when `filter` changes (compared by value) or on reload(),
 * the next one on more(). Every load belongs to a generation; a new filter or a reload starts the next one,
 * and an answer of an older generation (a slow answer to the filter before) is dropped, never shown.
 */
export function usePagedList<I extends { cursor?: string }, T>(
  load: (input: I) => Promise<Envelope<Page<T>>>,
  filter: Filter<I>,
): PagedList<T> {
  const key = JSON.stringify(filter);
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [run, setRun] = useState(0);
  const generation = useRef(0);
  const shownKey = useRef(key);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const mine = ++generation.current;
    // Rows of another filter are never shown under this one; a reload keeps them until its answer lands.
    if (shownKey.current !== key) setItems([]);
    shownKey.current = key;
    setLoading(true);
    setError(null);
    setLoadingMore(false);
    setMoreError(null);
    void loadRef.current(JSON.parse(key) as I).then((answer) => {
      if (mine !== generation.current) return;
      setLoading(false);
      if (!answer.ok) {
        setItems([]);
        setCursor(undefined);
        setError(answer.error);
        return;
      }
      setItems(answer.data.items);
      setCursor(answer.data.nextCursor);
    });
  }, [key, run]);

  const more = useCallback(() => {
    if (!cursor || loading || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    void loadRef.current({ ...(JSON.parse(key) as I), cursor }).then((answer) => {
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!answer.ok) return setMoreError(answer.error);
      setItems((shown) => [...shown, ...answer.data.items]);
      setCursor(answer.data.nextCursor);
    });
  }, [cursor, key, loading, loadingMore]);

  const reload = useCallback(() => setRun((n) => n + 1), []);

  return {
    items,
    loading,
    error,
    hasMore: !loading && !error && cursor !== undefined,
    loadingMore,
    moreError,
    more,
    reload,
  };
}
