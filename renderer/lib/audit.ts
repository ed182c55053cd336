import type { AuditDecision, AuditEvent, AuditListQuery } from '../../gateway/admin/contract.js';
import type { AuditErrorFilter, AuditStatusClass } from '../../gateway/admin/audit-search-contract.js';
import { DETECTOR_CATEGORIES } from '../../gateway/shared/finding-lists.js';
import { errorKindOf } from './audit-search-values.js';
import { DECISIONS } from './contract-values.js';

export { DECISIONS };

export const DECISION_LABEL: Record<AuditDecision, string> = {
  forwarded: 'Forwarded',
  redacted: 'Redacted',
  blocked: 'Blocked',
  held: 'Held',
  approved: 'Approved',
  denied: 'Denied',
  timed_out: 'Timed out',
};

export const DECISION_TONE: Record<AuditDecision, 'ok' | 'info' | 'warn' | 'danger' | 'accent'> = {
  forwarded: 'ok',
  redacted: 'accent',
  blocked: 'danger',
  held: 'warn',
  approved: 'ok',
  denied: 'danger',
  timed_out: 'warn',
};

export interface AuditFilters {
  /** Free text: a case-insensitive substring of app, key id, route, model, event or pnd_ id, error code, provider. */
  q: string;
  client: string;
  decision: AuditDecision | '';
  category: string;
  provider: string;
  status: AuditStatusClass | '';
  error: AuditErrorFilter | '';
}

export const NO_FILTERS: AuditFilters = { q: '', client: '', decision: '', category: '', provider: '', status: '', error: '' };

export const hasFilters = (f: AuditFilters): boolean => Object.values(f).some((v) => v !== '');

/** Same filters by value: a re-read of the URL that changes nothing must not reload (and empty) the list. */
export const sameFilters = (a: AuditFilters, b: AuditFilters): boolean =>
  (Object.keys(NO_FILTERS) as (keyof AuditFilters)[]).every((k) => a[k] === b[k]);

const contains = (text: string | undefined, lower: string): boolean => text !== undefined && text.toLowerCase().includes(lower);

/** The same filter the server applies to `GET /admin/audit`, for events arriving on the stream. */
export function matches(event: AuditEvent, f: AuditFilters): boolean {
  const client = f.client.trim().toLowerCase();
  if (client && !contains(event.client.app, client) && !contains(event.client.keyId, client)) return false;
  const q = f.q.trim().toLowerCase();
  if (q && ![event.client.app, event.client.keyId, event.route, event.model, event.id, event.pendingId, event.errorCode, event.provider].some((t) => contains(t, q))) {
    return false;
  }
  if (f.decision && event.decision !== f.decision) return false;
  if (f.category.trim() && !(f.category.trim() in event.findings)) return false;
  if (f.provider && event.provider !== f.provider) return false;
  if (f.status && Math.floor(event.status / 100) !== Number(f.status[0])) return false;
  if (f.error) {
    const kind = errorKindOf(event);
    if (f.error === 'any' ? kind === undefined : kind !== f.error) return false;
  }
  return true;
}

export function toQuery(f: AuditFilters, limit: number, cursor?: string): AuditListQuery {
  return {
    limit,
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
    ...(f.client.trim() ? { client: f.client.trim() } : {}),
    ...(f.decision ? { decision: f.decision } : {}),
    ...(f.category.trim() ? { category: f.category.trim() } : {}),
    ...(f.provider ? { provider: f.provider } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.error ? { error: f.error } : {}),
    ...(cursor ? { cursor } : {}),
  };
}

/** Newest first, each id once: `fresh` (from the stream) goes on top of `list`. */
export function prepend(list: readonly AuditEvent[], fresh: readonly AuditEvent[], cap: number): AuditEvent[] {
  if (fresh.length === 0) return list as AuditEvent[];
  const seen = new Set(list.map((e) => e.id));
  const add = fresh.filter((e) => !seen.has(e.id)).reverse();
  return [...add, ...list].slice(0, cap);
}

/** Appends an older page, skipping ids already shown. */
export function append(list: readonly AuditEvent[], older: readonly AuditEvent[]): AuditEvent[] {
  const seen = new Set(list.map((e) => e.id));
  return [...list, ...older.filter((e) => !seen.has(e.id))];
}

/** Findings as [category, count], largest first. */
export const findingsOf = (event: AuditEvent): [string, number][] =>
  Object.entries(event.findings).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/**
 * Categories that are redacted or held unless a rule or a choice lets them through: the scan step's,
 * the same the broad-allow check counts (names included; injection and response are only recorded or held).
 */
const PROTECTED: readonly string[] = DETECTOR_CATEGORIES;

/**
 * True when the exchange went to the provider with findings left as written: forwarded with
 * protected findings (a rule allowed them), or approved to send the original. Shown amber, never green.
 */
export function unredacted(e: AuditEvent): boolean {
  const protectedFindings = PROTECTED.some((c) => (e.findings[c] ?? 0) > 0);
  if (e.decision === 'forwarded') return protectedFindings;
  return e.decision === 'approved' && e.explain?.sent === 'original';
}
