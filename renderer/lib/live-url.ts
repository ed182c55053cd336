import { AUDIT_ERROR_FILTERS, AUDIT_STATUS_CLASSES } from './audit-search-values.js';
import { DECISIONS } from './contract-values.js';
import { NO_FILTERS, type AuditFilters } from './audit.js';

/**
 * The Live page's filters in the URL fragment (`#/live?q=pnd_…&error=upstream_error`), so a view
 * survives a reload and can be shared. Values outside what the API accepts are dropped, not sent.
 */
const MAX = 200;
const KEYS = Object.keys(NO_FILTERS) as (keyof AuditFilters)[];
const CHOICES: Partial<Record<keyof AuditFilters, readonly string[]>> = { decision: DECISIONS, status: AUDIT_STATUS_CLASSES, error: AUDIT_ERROR_FILTERS };

export function filtersFromHash(hash: string): AuditFilters {
  const at = hash.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  const f: Record<string, string> = { ...NO_FILTERS };
  for (const key of KEYS) {
    const value = params.get(key)?.slice(0, MAX) ?? '';
    const allowed = CHOICES[key];
    f[key] = allowed && !allowed.includes(value) ? '' : value;
  }
  return f as unknown as AuditFilters;
}

export function liveHash(f: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (f[key].trim() !== '') params.set(key, f[key]);
  const query = params.toString();
  return `#/live${query ? `?${query}` : ''}`;
}
