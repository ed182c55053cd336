import type { AuditDecision } from '../../gateway/admin/contract.js';
import { DECISION_LABEL, DECISION_TONE } from '../lib/audit.js';

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

const KNOWN_CATEGORIES = new Set(['pii', 'secret', 'custom', 'injection', 'response', 'name']);

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
