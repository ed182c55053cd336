import { useMemo, useState } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { AuditDrawer } from '../components/AuditDrawer.js';
import { AuditFiltersBar } from '../components/AuditFiltersBar.js';
import { AuditList } from '../components/AuditList.js';
import { EmptyState } from '../components/EmptyState.js';
import { PageHead } from '../components/PageHead.js';
import { useAuditFeed } from '../hooks/useAuditFeed.js';
import { useConfig } from '../hooks/useConfig.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { hasFilters, NO_FILTERS, type AuditFilters } from '../lib/audit.js';
import { formatCount } from '../lib/format.js';
import { sortProviders } from '../lib/providers.js';

export function LivePage() {
  const [draft, setDraft] = useState<AuditFilters>(NO_FILTERS);
  const filters = useDebounced(draft, 250);
  const feed = useAuditFeed(filters);
  const [selected, setSelected] = useState<AuditEvent>();
  const apps = useMemo(() => [...new Set(feed.events.slice(0, 500).map((e) => e.client.app))].sort(), [feed.events]);
  // Every configured provider can be picked, and any the feed shows (one since removed from the config).
  const config = useConfig();
  const configured = config.view?.config.providers;
  const providers = useMemo(() => sortProviders([...Object.keys(configured ?? { openai: 0, anthropic: 0 }), ...feed.events.slice(0, 500).map((e) => e.provider)]), [configured, feed.events]);
  const withFindings = useMemo(() => feed.events.filter((e) => Object.keys(e.findings).length > 0).length, [feed.events]);

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
      <AuditFiltersBar value={draft} onChange={setDraft} apps={apps} providers={providers} />
      {feed.error && <div className="form-error">Could not load the audit log: {feed.error}</div>}
      {feed.events.length === 0 && !feed.loading ? (
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
        <AuditList events={feed.events} selected={selected?.id} onSelect={setSelected} hasMore={feed.hasMore} onEnd={feed.loadMore} />
      )}
      {selected && <AuditDrawer event={selected} onClose={() => setSelected(undefined)} />}
    </div>
  );
}
