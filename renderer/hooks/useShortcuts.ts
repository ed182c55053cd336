import { useEffect, useRef } from 'react';

/** Inputs that take keys themselves; checkboxes, radios and buttons leave single keys to us. */
const KEYLESS_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

function takesKeys(el: HTMLElement | null): boolean {
  if (!el) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el instanceof HTMLInputElement && !KEYLESS_INPUTS.has(el.type);
}

/**
 * Single-key shortcuts (`j`, `a`, `?`) while mounted. Ignored while the user types into a field or
 * holds Ctrl/Cmd/Alt, so browser and OS shortcuts keep working.
 */
export function useShortcuts(keys: Record<string, () => void>, enabled = true): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (takesKeys(e.target as HTMLElement | null)) return;
      const action = latest.current[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
