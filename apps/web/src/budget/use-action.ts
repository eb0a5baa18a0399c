import { useCallback, useState } from 'react';
import { ApiError } from '../api/api-client';

export interface Action {
  busy: boolean;
  error: unknown;
  setError(error: unknown): void;
  /**
   * Runs one change against the API. A failure is kept for an ErrorAlert and returned, so the caller can act on
   * a refusal's code; a 409 (someone else changed it first) also calls `onConflict`, which reloads what is shown,
   * as the conflict message promises.
   */
  run<T>(change: () => Promise<T>): Promise<Outcome<T>>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function useAction(onConflict?: () => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    async <T>(change: () => Promise<T>): Promise<Outcome<T>> => {
      setBusy(true);
      setError(null);
      try {
        return { ok: true, value: await change() };
      } catch (failure) {
        setError(failure);
        if (failure instanceof ApiError && failure.isConflict) onConflict?.();
        return { ok: false, error: failure };
      } finally {
        setBusy(false);
      }
    },
    [onConflict],
  );
  return { busy, error, setError, run };
}

/** The stable code of a refusal (422 `over_budget`, `trajectory_closed` …), if the API gave one. */
export function refusalCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.details.find((d) => d.code !== 'invalid_field')?.code : undefined;
}
