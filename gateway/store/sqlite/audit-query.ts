import type { AuditErrorFilter } from '../../shared/error-kind.js';
import { clientSql, ERROR_SQL, HELD_SQL, likePattern, statusClassDigit, statusClassSql, textSql } from '../audit-search-sql.js';
import type { AuditQuery } from '../types.js';
import { AUDIT_COLUMNS } from './audit-row.js';

/**
 * SQL for audit listing. Each combination of filters gets its own statement (prepared once, then
 * cached by the caller), so the planner sees exact ranges instead of `@x IS NULL OR …` guards.
 */
export const FILTERS = {
  since: 'time >= @since',
  until: 'time < @until',
  client: clientSql('@client'),
  decision: 'decision = @decision',
  provider: 'provider = @provider',
  category: 'EXISTS (SELECT 1 FROM json_each(findings) WHERE key = @category)',
  q: textSql('@q'),
  status: statusClassSql('@status'),
} as const satisfies Partial<Record<keyof AuditQuery, string>>;

/** A filter name, or `error:<kind>`: the error kind picks the SQL, so each kind is its own statement. */
export type FilterName = keyof typeof FILTERS | `error:${AuditErrorFilter}` | 'held';
const FILTER_NAMES = Object.keys(FILTERS) as (keyof typeof FILTERS)[];

/** Names of the filters a query uses, in a fixed order: the statement cache key. */
export function usedFilters(query: AuditQuery): FilterName[] {
  const names: FilterName[] = FILTER_NAMES.filter((name) => query[name] !== undefined);
  if (query.error !== undefined) names.push(`error:${query.error}`);
  if (query.held === true) names.push('held');
  return names;
}

/** The named parameters of the filters a query uses. */
export function filterParams(query: AuditQuery, filters: readonly FilterName[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const f of filters) {
    if (f.startsWith('error:') || f === 'held') continue;
    const value = query[f as keyof typeof FILTERS];
    params[f] = f === 'q' || f === 'client' ? likePattern(String(value)) : f === 'status' ? statusClassDigit(String(value)) : value;
  }
  return params;
}

const sqlOf = (f: FilterName): string =>
  f === 'held' ? HELD_SQL : f.startsWith('error:') ? ERROR_SQL[f.slice(6) as AuditErrorFilter] : FILTERS[f as keyof typeof FILTERS];

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;

export function listSql(filters: readonly FilterName[], hasCursor: boolean, order: 'newest' | 'oldest'): string {
  const where: string[] = filters.map(sqlOf);
  if (hasCursor) where.push(order === 'newest' ? '(time, id) < (@cursorTime, @cursorId)' : '(time, id) > (@cursorTime, @cursorId)');
  const dir = order === 'newest' ? 'DESC' : 'ASC';
  return `SELECT ${AUDIT_COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY time ${dir}, id ${dir} LIMIT @limit`;
}

export function encodeCursor(time: number, id: string): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { cursorTime: number; cursorId: string } {
  const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number' || typeof parsed[1] !== 'string') {
    throw new Error('invalid audit cursor');
  }
  return { cursorTime: parsed[0], cursorId: parsed[1] };
}
