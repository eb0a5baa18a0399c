import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type RequestOptions } from '../api/api-client';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** GETs `path` (with `query`) and keeps it; `reload()` fetches again. A null path waits. */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState<boolean>(path !== null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query ?? {});
  const latest = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    const request = ++latest.current;
    setLoading(true);
    api<T>(path, { query: JSON.parse(key), signal: controller.signal })
      .then((found) => {
        if (request !== latest.current) return;
        setData(found);
        setError(null);
      })
      .catch((failure: unknown) => {
        if (request !== latest.current || (failure as Error).name === 'AbortError') return;
        setError(failure);
      })
      .finally(() => request === latest.current && setLoading(false));
    return () => controller.abort();
  }, [path, key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
