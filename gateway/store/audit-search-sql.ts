import type { AuditErrorFilter } from '../shared/error-kind.js';

/**
 * The audit search filters as SQL both backends run (LIKE … ESCAPE and CASE are in SQLite and
 * PostgreSQL alike). `p` is the backend's placeholder for the one parameter each takes.
 */

/** Columns the free-text search looks in: app, key id, route, model, event id, held item id, error code, provider. */
const SEARCHED = ['client_app', 'client_key_id', 'route', 'model', 'id', 'pending_id', 'error_code', 'provider'];

/** Case-insensitive substring of any searched column; the parameter is `likePattern(text)`. */
export const textSql = (p: string): string => `(${SEARCHED.map((c) => `lower(${c}) LIKE ${p} ESCAPE '\\'`).join(' OR ')})`;

/** Case-insensitive substring of the client app or the client key id. */
export const clientSql = (p: string): string => `(lower(client_app) LIKE ${p} ESCAPE '\\' OR lower(client_key_id) LIKE ${p} ESCAPE '\\')`;

/** `%text%` in lower case, with LIKE's wildcards taken literally. */
export const likePattern = (text: string): string => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The status class (2 for 2xx); the parameter is that digit. */
export const statusClassSql = (p: string): string => `(status >= ${p} * 100 AND status < ${p} * 100 + 100)`;
export const statusClassDigit = (cls: string): number => Number(cls[0]);

const UPSTREAM = `(error_code LIKE 'GW\\_ERR\\_UPSTREAM\\_%' ESCAPE '\\' OR error_code LIKE 'GW\\_ERR\\_STREAM\\_%' ESCAPE '\\'
  OR (status >= 500 AND (error_code IS NULL OR error_code NOT LIKE 'GW\\_ERR\\_%' ESCAPE '\\')))`;

/** Mirrors errorKindOf (shared/error-kind.ts); test/gateway/store/contract checks the two agree. */
export const ERROR_SQL: Record<AuditErrorFilter, string> = {
  any: '(status >= 400 OR error_code IS NOT NULL)',
  rate_limited: 'status = 429',
  auth_failed: 'status IN (401, 403)',
  upstream_error: `(status NOT IN (401, 403, 429) AND ${UPSTREAM})`,
};

/** Exchanges that were held for a decision carry the held item's id. */
export const HELD_SQL = 'pending_id IS NOT NULL';
