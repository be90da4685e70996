import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '@honglin/types/envelope';
import type { ListRequestsInput, RequestSummary } from '@honglin/types/request';
import { requestApi } from '@/api/request';

export interface RequestListState {
  items: RequestSummary[];
  loading: boolean;
  error: ApiError | null;
  more: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** A paginated request list: the first page when the filters change, the next on 加载更多. */
export function useRequestList(filters: ListRequestsInput): RequestListState {
  const key = JSON.stringify(filters);
  const [items, setItems] = useState<RequestSummary[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [run, setRun] = useState(0);

  const load = useCallback(
    async (after: string | undefined, replace: boolean) => {
      setLoading(true);
      const answer = await requestApi.list({ ...(JSON.parse(key) as ListRequestsInput), cursor: after });
      setLoading(false);
      if (!answer.ok) return setError(answer.error);
      setError(null);
      setItems((current) => (replace ? answer.data.items : [...current, ...answer.data.items]));
      setCursor(answer.data.nextCursor);
    },
    [key],
  );

  useEffect(() => {
    void load(undefined, true);
  }, [load, run]);

  return {
    items,
    loading,
    error,
    more: cursor !== undefined,
    loadMore: () => void load(cursor, false),
    reload: () => setRun((n) => n + 1),
  };
}
