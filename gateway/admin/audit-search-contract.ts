import { Type } from '@sinclair/typebox';
import { AUDIT_ERROR_FILTERS, AUDIT_STATUS_CLASSES } from '../shared/error-kind.js';

export { AUDIT_ERROR_FILTERS, AUDIT_STATUS_CLASSES };
export type { AuditErrorFilter, AuditErrorKind, AuditStatusClass } from '../shared/error-kind.js';

const Literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** The Live page's search fields of `GET /admin/audit`, beside the contract's older filters. */
export const AuditSearchFields = {
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'case-insensitive substring of app, key id, route, model, event id, pnd_ id, error code or provider' })),
  status: Type.Optional(Literals(AUDIT_STATUS_CLASSES)),
  error: Type.Optional(Literals(AUDIT_ERROR_FILTERS)),
  held: Type.Optional(Type.Boolean({ description: 'true: only exchanges that were held for a decision (they carry a pnd_ id): "Recent decisions"' })),
};
