import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { append, matches, prepend, toQuery, type AuditFilters } from '../lib/audit.js';
import { useApi } from './useApi.js';
import { useEventStream } from './useEventStream.js';

const PAGE = 100;
/** Events kept in memory; older ones are a scroll (another page) away. */
const CAP = 5000;
/** Live events are applied in batches, so a burst of traffic costs one render, not hundreds. */
const FLUSH_MS = 100;

export interface AuditFeed {
  events: AuditEvent[];
  loading: boolean;
  error: string | undefined;
  hasMore: boolean;
  loadMore(): void;
  /** Events that arrived while paused, not yet shown. */
  newCount: number;
  /** Puts the waiting events on top (and unpauses nothing: the caller scrolls to the top). */
  showNew(): void;
}

/** The audit list for the Live page: a first page from the server, then live events on top. */
/**
 * `paused` (the user scrolled away from the top to read) keeps live events aside, counted, so the
 * rows under the pointer do not move; they go on top when unpaused or when `showNew` is called.
 */
export function useAuditFeed(filters: AuditFilters, paused = false): AuditFeed {
  const api = useApi();
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const buffer = useRef<AuditEvent[]>([]);
  const waiting = useRef<AuditEvent[]>([]);
  const [newCount, setNewCount] = useState(0);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  // (Re)load the first page whenever the filters change or the stream says it lost its place.
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    api.audit(toQuery(filters, PAGE)).then(
      (page) => {
        if (!live) return;
        setEvents((current) => prepend(page.events, current.filter((e) => matches(e, filters)).reverse(), CAP));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err instanceof Error ? err.message : String(err));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [api, filters, generation]);

  useEffect(() => {
    setEvents([]);
    waiting.current = [];
    setNewCount(0);
  }, [filters]);

  const showNew = useCallback(() => {
    const fresh = waiting.current;
    waiting.current = [];
    setNewCount(0);
    if (fresh.length > 0) setEvents((list) => prepend(list, fresh, CAP));
  }, []);
  useEffect(() => {
    if (!paused) showNew();
  }, [paused, showNew]);

  useEventStream('audit', (event) => {
    if (matches(event, filtersRef.current)) buffer.current.push(event);
  });
  useEventStream('reset', () => setGeneration((g) => g + 1));

  useEffect(() => {
    const timer = setInterval(() => {
      if (buffer.current.length === 0) return;
      const fresh = buffer.current;
      buffer.current = [];
      if (pausedRef.current) {
        waiting.current = [...waiting.current, ...fresh].slice(-CAP);
        setNewCount(waiting.current.length);
      } else setEvents((list) => prepend(list, fresh, CAP));
    }, FLUSH_MS);
    return () => clearInterval(timer);
  }, []);

  const loadMore = useCallback(() => {
    if (!cursor || loading) return;
    setLoading(true);
    api.audit(toQuery(filters, PAGE, cursor)).then(
      (page) => {
        setEvents((list) => append(list, page.events));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      () => setLoading(false),
    );
  }, [api, cursor, filters, loading]);

  return { events, loading, error, hasMore: cursor !== undefined, loadMore, newCount, showNew };
}
