/**
 * How a failed exchange failed, from its status and error code alone, so the Live badges, the
 * `error` filter of `GET /admin/audit` and the store's SQL (store/audit-search-sql.ts) agree. A 429
 * or a 401 is not a policy block and a 502 is not "Forwarded": each gets its own badge.
 * Pure and dependency-free: the dashboard imports it too.
 */
export const AUDIT_ERROR_FILTERS = ['any', 'rate_limited', 'auth_failed', 'upstream_error'] as const;
export type AuditErrorFilter = (typeof AUDIT_ERROR_FILTERS)[number];
export type AuditErrorKind = Exclude<AuditErrorFilter, 'any'> | 'other';

/** `GET /admin/audit?status=4xx`: the class of the status sent to the client. */
export const AUDIT_STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
export type AuditStatusClass = (typeof AUDIT_STATUS_CLASSES)[number];

/** Gateway codes that mean the provider failed (refused, timed out, answered badly), not the gateway. */
const UPSTREAM_PREFIXES = ['GW_ERR_UPSTREAM_', 'GW_ERR_STREAM_'];

export function errorKindOf(e: { status: number; errorCode?: string }): AuditErrorKind | undefined {
  if (e.status === 429) return 'rate_limited';
  if (e.status === 401 || e.status === 403) return 'auth_failed';
  const code = e.errorCode;
  // A stream that fails after its headers were sent keeps status 200 but carries the code.
  if (code !== undefined && UPSTREAM_PREFIXES.some((p) => code.startsWith(p))) return 'upstream_error';
  // A 5xx without a gateway code is the provider's own error, passed through.
  if (e.status >= 500 && (code === undefined || !code.startsWith('GW_ERR_'))) return 'upstream_error';
  return e.status >= 400 || code !== undefined ? 'other' : undefined;
}
