import { FINDING_CATEGORIES } from '../../gateway/shared/finding-lists.js';
import { DECISIONS, DECISION_LABEL, hasFilters, NO_FILTERS, type AuditFilters } from '../lib/audit.js';
import { AUDIT_ERROR_FILTERS, AUDIT_STATUS_CLASSES, ERROR_LABEL } from '../lib/audit-search-values.js';
import { providerTitle } from '../lib/providers.js';
import { Icon } from './Icon.js';

/** `providers`: the configured names (and any seen in the feed), so every provider can be picked. */
export function AuditFiltersBar({ value, onChange, apps, providers }: { value: AuditFilters; onChange: (f: AuditFilters) => void; apps: string[]; providers: string[] }) {
  const set = (patch: Partial<AuditFilters>) => onChange({ ...value, ...patch });
  return (
    <div className="filters" role="search" aria-label="Filter events">
      <Icon name="filter" />
      <input
        className="input search" type="search" placeholder="Search app, route, model, evt_/pnd_ id, error code" aria-label="Search" value={value.q}
        onChange={(e) => set({ q: e.target.value })} data-testid="filter-q"
      />
      <input
        className="input" list="audit-apps" placeholder="Client app or key id" aria-label="Client" value={value.client}
        onChange={(e) => set({ client: e.target.value })} data-testid="filter-client"
      />
      <datalist id="audit-apps">
        {apps.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <select className="select" aria-label="Decision" value={value.decision} onChange={(e) => set({ decision: e.target.value as AuditFilters['decision'] })} data-testid="filter-decision">
        <option value="">Any decision</option>
        {DECISIONS.map((d) => (
          <option key={d} value={d}>
            {DECISION_LABEL[d]}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Status" value={value.status} onChange={(e) => set({ status: e.target.value as AuditFilters['status'] })} data-testid="filter-status">
        <option value="">Any status</option>
        {AUDIT_STATUS_CLASSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Error" value={value.error} onChange={(e) => set({ error: e.target.value as AuditFilters['error'] })} data-testid="filter-error">
        <option value="">Errors or not</option>
        {AUDIT_ERROR_FILTERS.map((k) => (
          <option key={k} value={k}>
            {ERROR_LABEL[k]}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Category" value={value.category} onChange={(e) => set({ category: e.target.value })} data-testid="filter-category">
        <option value="">Any finding</option>
        {FINDING_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select className="select" aria-label="Provider" value={value.provider} onChange={(e) => set({ provider: e.target.value })} data-testid="filter-provider">
        <option value="">Any provider</option>
        {providers.map((p) => (
          <option key={p} value={p}>
            {providerTitle(p)}
          </option>
        ))}
      </select>
      {hasFilters(value) && (
        <button type="button" className="btn ghost sm" onClick={() => onChange(NO_FILTERS)} data-testid="filter-clear">
          Clear
        </button>
      )}
    </div>
  );
}
