import { useCallback, useEffect, useState } from 'react';

/** Loads `load()` now and every `everyMs` while mounted; `reload()` forces a fresh read. */
export function usePoll<T>(load: () => Promise<T>, everyMs: number): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    const timer = everyMs > 0 ? setTimeout(reload, everyMs) : undefined;
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [load, everyMs, tick, reload]);

  return { data, error, reload };
}
