import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '@honglin/types/envelope';
import type { PledgeListInput, PledgeSummary } from '@honglin/types/pledge';
import { pledgeApi } from '@/api/pledge';
import type { QueryState } from '@/lib/useQuery';

/**
 * A pledge list page by page: the first page loads when `input` changes (compared by value) or on reload();
 * more() appends the next one. `query` feeds PageShell; `loadingMore` and `moreError` belong to the list's foot.
 */
export function usePledgeList(input: PledgeListInput) {
  const key = JSON.stringify(input);
  const [query, setQuery] = useState<QueryState<PledgeSummary[]>>({ status: 'loading' });
  const [cursor, setCursor] = useState<string | undefined>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [run, setRun] = useState(0);
  const reload = useCallback(() => setRun((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    setQuery({ status: 'loading' });
    setMoreError(null);
    pledgeApi.list(JSON.parse(key) as PledgeListInput).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        setQuery({ status: 'success', data: answer.data.items });
        setCursor(answer.data.nextCursor);
      } else {
        setQuery({ status: 'error', error: answer.error });
      }
    });
    return () => {
      current = false;
    };
  }, [key, run]);

  const more = useCallback(async () => {
    if (!cursor || loadingMore || query.status !== 'success') return;
    setLoadingMore(true);
    const answer = await pledgeApi.list({ ...(JSON.parse(key) as PledgeListInput), cursor });
    setLoadingMore(false);
    if (!answer.ok) {
      setMoreError(answer.error);
      return;
    }
    setMoreError(null);
    setQuery({ status: 'success', data: [...query.data, ...answer.data.items] });
    setCursor(answer.data.nextCursor);
  }, [cursor, key, loadingMore, query]);

  /** Replaces one pledge in the loaded list (after an action on it). */
  const replace = useCallback((pledge: PledgeSummary) => {
    setQuery((q) =>
      q.status === 'success' ? { status: 'success', data: q.data.map((p) => (p.id === pledge.id ? pledge : p)) } : q,
    );
  }, []);

  return { query, reload, more, hasMore: !!cursor, loadingMore, moreError, replace };
}
