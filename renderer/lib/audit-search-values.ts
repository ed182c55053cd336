/** The audit search's choices and labels. error-kind.ts is dependency-free, so the page imports it as is. */
import type { AuditErrorFilter } from '../../gateway/shared/error-kind.js';

export { AUDIT_ERROR_FILTERS, AUDIT_STATUS_CLASSES, errorKindOf } from '../../gateway/shared/error-kind.js';

export const ERROR_LABEL: Record<AuditErrorFilter, string> = {
  any: 'Any error',
  rate_limited: 'Rate-limited (429)',
  auth_failed: 'Auth failed (401/403)',
  upstream_error: 'Upstream error',
};
