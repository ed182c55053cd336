import type { AuditEvent, PendingView } from '../../gateway/admin/contract.js';
import { AUDIT_DECISION_OF_HOLD } from '../../gateway/store/pending-record.js';

/**
 * Live rows for exchanges that are held right now. Their audit event is written only when the
 * exchange ends, so without these a held request had no row at all. A row shows "Held" while the
 * item waits, then the decision as soon as it is taken, and gives way to the real audit event
 * (same pnd_ id) when that arrives.
 */
export interface HeldRow extends AuditEvent {
  /** `held` while waiting, `decided` between the decision and its audit event. */
  live: 'held' | 'decided';
  settledAt?: number;
}

export type HeldRows = ReadonlyMap<string, HeldRow>;

/** How long a decided row waits for its audit event (a forwarded request waits for its provider). */
const DECIDED_TTL_MS = 120_000;

export const heldRowId = (pendingId: string): string => `held-${pendingId}`;

export function heldRow(p: PendingView, now: number): HeldRow {
  const findings: Record<string, number> = {};
  for (const f of p.findings) findings[f.category] = (findings[f.category] ?? 0) + 1;
  const decided = p.status !== 'pending';
  return {
    id: heldRowId(p.id),
    time: p.createdAt,
    client: { app: p.clientApp, ...(p.clientKeyId !== undefined && { keyId: p.clientKeyId }) },
    provider: p.provider,
    route: p.route,
    ...(p.model !== undefined && { model: p.model }),
    stream: false,
    status: 0,
    durations: { totalMs: 0, upstreamMs: 0, overheadMs: 0, waitMs: Math.max(0, (p.decidedAt ?? now) - p.createdAt) },
    bytes: { in: 0, out: 0 },
    usage: {},
    findings,
    decision: AUDIT_DECISION_OF_HOLD[p.status],
    pendingId: p.id,
    ...(p.status === 'approved_original' && { explain: { sent: 'original' as const } }),
    ...(p.status === 'approved_redacted' && { explain: { sent: 'redacted' as const } }),
    live: decided ? 'decided' : 'held',
    ...(decided && { settledAt: now }),
  };
}

/** A held item appeared, changed or was decided. */
export function applyPending(rows: HeldRows, p: PendingView, now: number): HeldRows {
  const current = rows.get(p.id);
  if (current?.live === 'decided' && p.status === 'pending') return rows; // a stale snapshot
  return new Map(rows).set(p.id, heldRow(p, now));
}

/** The exchange's own audit event arrived: it replaces the row. */
export function applyAudit(rows: HeldRows, e: AuditEvent): HeldRows {
  if (e.pendingId === undefined || !rows.has(e.pendingId)) return rows;
  const next = new Map(rows);
  next.delete(e.pendingId);
  return next;
}

/** Drops decided rows whose audit event never came (audit off, or a filter hid it). */
export function expire(rows: HeldRows, now: number): HeldRows {
  const stale = [...rows.values()].filter((r) => r.settledAt !== undefined && now - r.settledAt > DECIDED_TTL_MS);
  if (stale.length === 0) return rows;
  const next = new Map(rows);
  for (const r of stale) next.delete(r.pendingId!);
  return next;
}

export const isHeldRow = (e: AuditEvent): e is HeldRow => 'live' in e;
