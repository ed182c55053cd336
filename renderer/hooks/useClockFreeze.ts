import { useEffect, useRef } from 'react';
import { useApi } from './useApi.js';

/** The gateway's freeze is a 15 s lease; renewing well inside it survives a slow round trip. */
const RENEW_MS = 5000;
const noop = () => undefined;

/**
 * Stops the clock of every held item the user is looking at (hovered, focused, revealed, typed in)
 * and lets it run on once they look away. `looking` is a sorted, comma-joined id list, so the effect
 * runs on a change of ids, not of identity.
 */
export function useClockFreeze(looking: string): void {
  const api = useApi();
  const frozen = useRef(new Set<string>());

  useEffect(() => {
    const now = new Set(looking ? looking.split(',') : []);
    for (const id of now) if (!frozen.current.has(id)) api.freeze(id).catch(noop);
    for (const id of frozen.current) if (!now.has(id)) api.release(id).catch(noop);
    frozen.current = now;
  }, [api, looking]);

  useEffect(() => {
    const timer = setInterval(() => frozen.current.forEach((id) => void api.freeze(id).catch(noop)), RENEW_MS);
    const held = frozen.current;
    return () => {
      clearInterval(timer);
      held.forEach((id) => void api.release(id).catch(noop));
    };
  }, [api]);
}
