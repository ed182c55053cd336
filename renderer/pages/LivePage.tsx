import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { DEFAULT_PROVIDERS } from '../../gateway/shared/shape.js';
import { AuditDrawer } from '../components/AuditDrawer.js';
import { AuditFiltersBar } from '../components/AuditFiltersBar.js';
import { AuditList, type Density } from '../components/AuditList.js';
import { EmptyState } from '../components/EmptyState.js';
import { LiveExport } from '../components/LiveExport.js';
import { PageHead } from '../components/PageHead.js';
import { useAuditFeed } from '../hooks/useAuditFeed.js';
import { useConfig } from '../hooks/useConfig.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useHeldRows } from '../hooks/useHeldRows.js';
import { useStoredState } from '../hooks/useStoredState.js';
import { hasFilters, sameFilters, type AuditFilters } from '../lib/audit.js';
import { formatCount } from '../lib/format.js';
import { sortProviders } from '../lib/providers.js';
import { isHeldRow } from '../lib/held-rows.js';
import { filtersFromHash, liveHash } from '../lib/live-url.js';
import { routeHref } from '../lib/route.js';

const DENSITIES = ['comfortable', 'compact'] as const;

/** The filters live in the URL fragment: a reload or a shared link opens the same view. */
function useUrlFilters(): [AuditFilters, (f: AuditFilters) => void, AuditFilters] {
  const [draft, setDraft] = useState<AuditFilters>(() => filtersFromHash(window.location.hash));
  const filters = useDebounced(draft, 250);
  useEffect(() => {
    const onChange = () => {
      const next = filtersFromHash(window.location.hash);
      setDraft((prev) => (sameFilters(prev, next) ? prev : next));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  useEffect(() => {
    const hash = liveHash(filters);
    const current = window.location.hash;
    // An unfiltered view leaves the address as it is (`#/live`, or nothing after sign-in).
    if (!hasFilters(filters) && !current.includes('?')) return;
    // replaceState: typing in the search box should not fill the Back button's history.
    if (current !== hash) window.history.replaceState(null, '', hash);
  }, [filters]);
  return [draft, setDraft, filters];
}

export function LivePage() {
  const [draft, setDraft, filters] = useUrlFilters();
  const [reading, setReading] = useState(false);
  // A new view is not being read yet (the list tells again when it is scrolled).
  useEffect(() => setReading(false), [filters]);
  const feed = useAuditFeed(filters, reading);
  const allHeld = useHeldRows(filters);
  // While reading, newly held rows wait behind the pill too (rows already shown still update in place).
  const heldIds = useRef<string[]>([]);
  useEffect(() => {
    heldIds.current = allHeld.map((r) => r.id);
  });
  const [frozenHeld, setFrozenHeld] = useState<ReadonlySet<string>>();
  useEffect(() => setFrozenHeld(reading ? new Set(heldIds.current) : undefined), [reading]);
  const held = useMemo(() => (frozenHeld ? allHeld.filter((r) => frozenHeld.has(r.id)) : allHeld), [allHeld, frozenHeld]);
  const [density, setDensity] = useStoredState<Density>('aegis.live.density', DENSITIES, 'comfortable');
  const [selected, setSelected] = useState<AuditEvent>();
  const rows = useMemo(() => (held.length > 0 ? [...held, ...feed.events] : feed.events), [held, feed.events]);
  const apps = useMemo(() => [...new Set(feed.events.slice(0, 500).map((e) => e.client.app))].sort(), [feed.events]);
  // Every configured provider can be picked, and any the feed shows (one since removed from the config).
  const config = useConfig();
  const configured = config.view?.config.providers;
  const providers = useMemo(() => sortProviders([...(configured ? Object.keys(configured) : DEFAULT_PROVIDERS), ...feed.events.slice(0, 500).map((e) => e.provider)]), [configured, feed.events]);
  const withFindings = useMemo(() => feed.events.filter((e) => Object.keys(e.findings).length > 0).length, [feed.events]);
  const byClient = useCallback((app: string) => setDraft({ ...draft, client: app }), [draft, setDraft]);
  const select = (e: AuditEvent) => {
    // A held row has no audit event yet: its place is the queue, or Recent decisions once decided.
    if (isHeldRow(e)) window.location.hash = `${routeHref('confirmations')}?q=${encodeURIComponent(e.pendingId!)}`;
    else setSelected(e);
  };

  return (
    <div className="page fill">
      <PageHead title="Live" subtitle="Every exchange through the gateway as it happens. Categories and counts only — values never reach this log.">
        <div className="head-stats">
          <span>
            <b className="num" data-testid="event-count">{formatCount(feed.events.length)}</b> events
          </span>
          <span>
            <b className="num">{formatCount(withFindings)}</b> with findings
          </span>
        </div>
      </PageHead>
      <div className="live-tools">
        <AuditFiltersBar value={draft} onChange={setDraft} apps={apps} providers={providers} />
        <div className="row">
          <button
            type="button" className="btn ghost sm" aria-pressed={density === 'compact'} data-testid="density-toggle"
            onClick={() => setDensity(density === 'compact' ? 'comfortable' : 'compact')}
          >
            Compact
          </button>
          <LiveExport filters={filters} />
        </div>
      </div>
      {feed.error && <div className="form-error">Could not load the audit log: {feed.error}</div>}
      {rows.length === 0 && !feed.loading ? (
        <div className="card">
          {hasFilters(filters) ? (
            <EmptyState icon="filter" title="No events match these filters" testId="live-empty">
              Events that match will appear here as they happen.
            </EmptyState>
          ) : (
            <EmptyState icon="live" title="Waiting for the first request" testId="live-empty">
              Point a tool at the gateway (see Connect) and its requests show up here live, with what was found and what was done.
            </EmptyState>
          )}
        </div>
      ) : (
        <AuditList
          events={rows} selected={selected?.id} onSelect={select} hasMore={feed.hasMore} onEnd={feed.loadMore} density={density}
          onClient={byClient} onReading={setReading} newCount={feed.newCount + allHeld.length - held.length} onShowNew={feed.showNew}
        />
      )}
      {selected && <AuditDrawer event={selected} onClose={() => setSelected(undefined)} onClient={byClient} />}
    </div>
  );
}
