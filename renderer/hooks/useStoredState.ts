import { useCallback, useState } from 'react';

/** A small UI preference kept in localStorage (density, notifications); a value outside `allowed` reads as the default. */
export function useStoredState<T extends string>(key: string, allowed: readonly T[], fallback: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return stored !== null && (allowed as readonly string[]).includes(stored) ? (stored as T) : fallback;
    } catch {
      return fallback;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Storage may be off (private mode); the choice still holds for this page.
      }
    },
    [key],
  );
  return [value, set];
}
