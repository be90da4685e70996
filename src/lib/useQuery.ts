import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { ApiError, Envelope } from '@honglin/types/envelope';

/** What a page knows about its data: still loading, loaded, or failed with the envelope's error. */
export type QueryState<T> =
  { status: 'loading' } | { status: 'success'; data: T } | { status: 'error'; error: ApiError };

/**
 * Runs `load` (one of the typed api functions) when `deps` change and on `reload()`,
 * and turns its envelope into a QueryState for PageShell. Answers of superseded runs are dropped.
 */
export function useQuery<T>(
  load: () => Promise<Envelope<T>>,
  deps: DependencyList,
): { query: QueryState<T>; reload: () => void } {
  const [query, setQuery] = useState<QueryState<T>>({ status: 'loading' });
  const [run, setRun] = useState(0);
  const reload = useCallback(() => setRun((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    setQuery({ status: 'loading' });
    load().then((answer) => {
      if (!current) return;
      setQuery(answer.ok ? { status: 'success', data: answer.data } : { status: 'error', error: answer.error });
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what `load` depends on
  }, [...deps, run]);

  return { query, reload };
}
