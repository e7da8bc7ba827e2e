import { useEffect, useState } from 'react';
import { get } from '../shared/api';
import { isFinished } from './import-runs';
import type { ImportRun } from './types';

/**
 * Follows a run: reads it once a second until it has finished. `started` is the run as the
 * upload answered; the hook then keeps the latest state (and the last error, if a read failed).
 */
export function useImportRun(started: ImportRun | null, onFinished?: (run: ImportRun) => void): { run: ImportRun | null; error: unknown } {
  const [run, setRun] = useState<ImportRun | null>(started);
  const [error, setError] = useState<unknown>(null);
  const id = started?.id ?? null;

  useEffect(() => {
    setRun(started);
    setError(null);
    if (!started || isFinished(started.status)) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await get<ImportRun>(`/api/incident-imports/${started.id}`, controller.signal);
        setRun(next);
        setError(null);
        if (isFinished(next.status)) {
          onFinished?.(next);
          return;
        }
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(e);
      }
      timer = setTimeout(() => void poll(), 1000);
    };
    timer = setTimeout(() => void poll(), 1000);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
    // A new run (by id) restarts the polling; onFinished is read when it finishes.
  }, [id]);

  return { run, error };
}
