import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { PendingView } from '../../gateway/admin/contract.js';
import type { Api } from '../api.js';
import { applyChange, applySnapshot, emptyPending, settle, sortedPending } from '../lib/pending-set.js';
import { useEventStream, useStreamOpen } from './useEventStream.js';

export interface PendingQueue {
  items: PendingView[];
  /** false when the gateway has no confirmations endpoint (then only stream events fill the queue). */
  available: boolean | undefined;
  /** Drops an item at once after a decision, before its stream event arrives. */
  settle(id: string): void;
}

export const PendingContext = createContext<PendingQueue>({ items: [], available: undefined, settle: () => undefined });
export const usePending = (): PendingQueue => useContext(PendingContext);

/** The app-wide queue of held confirmations: the page, the nav badge and the title all read it. */
export function usePendingQueueState(api: Api): PendingQueue {
  const [set, setSet] = useState(emptyPending);
  const [available, setAvailable] = useState<boolean>();

  const refresh = useCallback(async () => {
    try {
      const { items } = await api.confirmations();
      setSet((s) => applySnapshot(s, items));
      setAvailable(true);
    } catch (err) {
      if ((err as { status?: number }).status === 404) setAvailable(false);
    }
  }, [api]);

  useEffect(() => void refresh(), [refresh]);
  useStreamOpen(() => void refresh());
  useEventStream('pending', (change) => setSet((s) => applyChange(s, change)));

  const drop = useCallback((id: string) => setSet((s) => settle(s, id)), []);

  return useMemo(() => ({ items: sortedPending(set), available, settle: drop }), [set, available, drop]);
}
