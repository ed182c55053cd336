import type { AuditDecision, AuditEvent, AuditListQuery } from '../../gateway/admin/contract.js';
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
  client: string;
  decision: AuditDecision | '';
  category: string;
  provider: string;
}

export const NO_FILTERS: AuditFilters = { client: '', decision: '', category: '', provider: '' };

export const hasFilters = (f: AuditFilters): boolean => Object.values(f).some((v) => v !== '');

/** The same filter the server applies to `GET /admin/audit`, for events arriving on the stream. */
export function matches(event: AuditEvent, f: AuditFilters): boolean {
  const client = f.client.trim();
  if (client && event.client.app !== client && event.client.keyId !== client) return false;
  if (f.decision && event.decision !== f.decision) return false;
  if (f.category.trim() && !(f.category.trim() in event.findings)) return false;
  if (f.provider && event.provider !== f.provider) return false;
  return true;
}

export function toQuery(f: AuditFilters, limit: number, cursor?: string): AuditListQuery {
  return {
    limit,
    ...(f.client.trim() ? { client: f.client.trim() } : {}),
    ...(f.decision ? { decision: f.decision } : {}),
    ...(f.category.trim() ? { category: f.category.trim() } : {}),
    ...(f.provider ? { provider: f.provider } : {}),
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

/** Categories that are redacted or held unless a rule or a choice lets them through. */
const PROTECTED = ['pii', 'secret', 'custom'];

/**
 * True when the exchange went to the provider with findings left as written: forwarded with
 * protected findings (a rule allowed them), or approved to send the original. Shown amber, never green.
 */
export function unredacted(e: AuditEvent): boolean {
  const protectedFindings = PROTECTED.some((c) => (e.findings[c] ?? 0) > 0);
  if (e.decision === 'forwarded') return protectedFindings;
  return e.decision === 'approved' && e.explain?.sent === 'original';
}
