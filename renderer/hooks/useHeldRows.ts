import { useEffect, useMemo, useRef, useState } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { matches, type AuditFilters } from '../lib/audit.js';
import { applyAudit, applyPending, expire, type HeldRow, type HeldRows } from '../lib/held-rows.js';
import { useEventStream } from './useEventStream.js';
import { usePending } from './usePendingQueue.js';

/** Live rows for held exchanges (newest first, filtered like the list), until their audit event replaces them. */
export function useHeldRows(filters: AuditFilters): HeldRow[] {
  const { items } = usePending();
  const [rows, setRows] = useState<HeldRows>(new Map());
  // Ids whose audit event already came: a late `pending` event must not bring their row back.
  const recorded = useRef(new Set<string>());

  // The queue's snapshot covers items held before the page opened; the stream covers the rest.
  useEffect(() => {
    setRows((r) => items.reduce((acc, p) => (recorded.current.has(p.id) ? acc : applyPending(acc, p, Date.now())), r));
  }, [items]);
  useEventStream('pending', (change) => {
    if (!recorded.current.has(change.pending.id)) setRows((r) => applyPending(r, change.pending, Date.now()));
  });
  useEventStream('audit', (event: AuditEvent) => {
    if (event.pendingId === undefined) return;
    recorded.current.add(event.pendingId);
    if (recorded.current.size > 2000) recorded.current.delete(recorded.current.values().next().value!);
    setRows((r) => applyAudit(r, event));
  });
  useEffect(() => {
    const timer = setInterval(() => setRows((r) => expire(r, Date.now())), 10_000);
    return () => clearInterval(timer);
  }, []);

  return useMemo(() => [...rows.values()].filter((r) => matches(r, filters)).sort((a, b) => b.time - a.time), [rows, filters]);
}
