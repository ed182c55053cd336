import type { AuditEvent } from '../../shared/audit-event.js';

/** An audit event as the audit table stores it: one column per field, findings and rule ids as JSON. */
export interface AuditRow {
  id: string;
  time: number;
  client_app: string;
  client_key_id: string | null;
  provider: string;
  route: string;
  model: string | null;
  stream: number;
  status: number;
  total_ms: number;
  upstream_ms: number;
  overhead_ms: number;
  bytes_in: number;
  bytes_out: number;
  input_tokens: number | null;
  output_tokens: number | null;
  findings: string;
  decision: string;
  error_code: string | null;
  pending_id: string | null;
  rule_ids: string | null;
  user_agent: string | null;
  explain: string | null;
  wait_ms: number | null;
}

export const AUDIT_COLUMNS =
  'id, time, client_app, client_key_id, provider, route, model, stream, status, total_ms, upstream_ms, overhead_ms, ' +
  'bytes_in, bytes_out, input_tokens, output_tokens, findings, decision, error_code, pending_id, rule_ids, user_agent, explain, wait_ms';

/** Most exchanges have no findings: their column is the constant '{}', not a stringify per row. */
function findingsJson(findings: AuditEvent['findings']): string {
  for (const k in findings) if (Object.hasOwn(findings, k)) return JSON.stringify(findings);
  return '{}';
}

/** Positional parameters for `INSERT INTO audit (AUDIT_COLUMNS)`, in that order. */
export function toParams(e: AuditEvent): unknown[] {
  return [
    e.id, e.time, e.client.app, e.client.keyId ?? null, e.provider, e.route, e.model ?? null, e.stream ? 1 : 0, e.status,
    e.durations.totalMs, e.durations.upstreamMs, e.durations.overheadMs, e.bytes.in, e.bytes.out,
    e.usage.inputTokens ?? null, e.usage.outputTokens ?? null, findingsJson(e.findings), e.decision,
    e.errorCode ?? null, e.pendingId ?? null, e.ruleIds ? JSON.stringify(e.ruleIds) : null, e.userAgent ?? null,
    e.explain ? JSON.stringify(e.explain) : null, e.durations.waitMs ?? null,
  ];
}

export function fromRow(r: AuditRow): AuditEvent {
  const event: AuditEvent = {
    id: r.id,
    time: r.time,
    client: r.client_key_id === null ? { app: r.client_app } : { keyId: r.client_key_id, app: r.client_app },
    provider: r.provider,
    route: r.route,
    stream: r.stream === 1,
    status: r.status,
    durations: { totalMs: r.total_ms, upstreamMs: r.upstream_ms, overheadMs: r.overhead_ms },
    bytes: { in: r.bytes_in, out: r.bytes_out },
    usage: {},
    findings: JSON.parse(r.findings) as Record<string, number>,
    decision: r.decision as AuditEvent['decision'],
  };
  if (r.model !== null) event.model = r.model;
  if (r.input_tokens !== null) event.usage.inputTokens = r.input_tokens;
  if (r.output_tokens !== null) event.usage.outputTokens = r.output_tokens;
  if (r.error_code !== null) event.errorCode = r.error_code;
  if (r.pending_id !== null) event.pendingId = r.pending_id;
  if (r.rule_ids !== null) event.ruleIds = JSON.parse(r.rule_ids) as string[];
  if (r.user_agent !== null) event.userAgent = r.user_agent;
  if (r.wait_ms !== null) event.durations.waitMs = r.wait_ms;
  if (r.explain !== null) event.explain = JSON.parse(r.explain) as AuditEvent['explain'];
  return event;
}
