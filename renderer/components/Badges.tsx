import type { AuditDecision, AuditEvent } from '../../gateway/admin/contract.js';
import { FINDING_CATEGORIES } from '../../gateway/shared/finding-lists.js';
import type { AuditErrorKind } from '../../gateway/admin/audit-search-contract.js';
import { DECISION_LABEL, DECISION_TONE, unredacted } from '../lib/audit.js';
import { errorKindOf } from '../lib/audit-search-values.js';

/** `unredacted`: findings went out as written, so the badge is amber and says so. */
export function DecisionBadge({ decision, unredacted = false }: { decision: AuditDecision; unredacted?: boolean }) {
  return (
    <span className={`badge ${unredacted ? 'warn' : DECISION_TONE[decision]}`} data-decision={decision} data-unredacted={unredacted || undefined}>
      <span className="dot" />
      {DECISION_LABEL[decision]}
      {unredacted && ' · unredacted'}
    </span>
  );
}

const KNOWN_CATEGORIES = new Set<string>(FINDING_CATEGORIES);

/** A finding category with its count; never a value (audit events hold none). */
export function CategoryChip({ category, count }: { category: string; count?: number }) {
  return (
    <span className={`chip ${KNOWN_CATEGORIES.has(category) ? category : ''}`} data-category={category}>
      {category}
      {count !== undefined && <b className="num">{count}</b>}
    </span>
  );
}

export function StatusCode({ status }: { status: number }) {
  const tone = status >= 500 ? 'danger' : status >= 400 ? 'warn' : 'ok';
  return <span className={`status-code ${tone} num`}>{status}</span>;
}

/** Failures that are neither a policy decision nor a success, each with its own look and words. */
const ERROR_BADGE: Partial<Record<AuditErrorKind, { label: string; tone: string }>> = {
  rate_limited: { label: 'Rate-limited', tone: 'limit' },
  auth_failed: { label: 'Auth failed', tone: 'auth' },
  upstream_error: { label: 'Upstream error', tone: 'upstream' },
};

/**
 * The badge of a Live row: a rate limit, a failed authentication or an upstream failure says so
 * (a 429 is not a policy block, a 502 is not "Forwarded"); otherwise the decision, amber when
 * findings went out unredacted.
 */
export function RowBadge({ event }: { event: AuditEvent }) {
  const kind = errorKindOf(event);
  const error = kind && ERROR_BADGE[kind];
  if (!error) return <DecisionBadge decision={event.decision} unredacted={unredacted(event)} />;
  return (
    <span className={`badge ${error.tone}`} data-decision={event.decision} data-error-kind={kind} title={`${DECISION_LABEL[event.decision]} · ${event.errorCode ?? event.status}`}>
      <span className="dot square" />
      {error.label}
    </span>
  );
}
