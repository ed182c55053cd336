import type pg from 'pg';
import type { AuditEvent } from '../../shared/audit-event.js';
import { AuditWriter, type AuditWriterOptions } from '../audit-writer.js';
import { QueuedAudit, type AuditCursor } from '../queued-audit.js';
import type { AuditQuery } from '../types.js';
import { clientSql, ERROR_SQL, HELD_SQL, likePattern, statusClassDigit, statusClassSql, textSql } from '../audit-search-sql.js';
import { AUDIT_COLUMNS, toParams, type AuditRow } from '../sqlite/audit-row.js';
import { AuditEventRejectedError } from '../sqlite/audit.js';
import { isUnavailable } from './pool.js';
import { storeCall } from './unavailable.js';

const COLUMN_COUNT = AUDIT_COLUMNS.split(',').length;
/** PostgreSQL takes at most 65535 parameters in one statement. */
const ROWS_PER_STATEMENT = Math.floor(65_535 / COLUMN_COUNT);

/**
 * The audit trail in PostgreSQL: the same bounded write-behind queue as SQLite in front, one
 * multi-row INSERT per batch behind. While the server is unreachable a batch fails, goes back to the
 * front of the queue and is retried, so events wait in the queue (up to its capacity) and none is lost.
 */
export class PgAudit extends QueuedAudit {
  readonly #pool: pg.Pool;
  readonly #writer: AuditWriter;

  constructor(pool: pg.Pool, options: AuditWriterOptions) {
    super();
    this.#pool = pool;
    const onError = options.onError ?? (() => undefined);
    this.#writer = new AuditWriter({
      writeBatch: async (events) => {
        try {
          await this.#insert(events);
        } catch (err) {
          // The server is away: the batch goes back to the queue. Anything else is one event that can
          // never be stored; store the rest one by one rather than wedge the queue behind it.
          if (isUnavailable(err) || events.length === 1) throw err;
          for (const e of events) {
            await this.#insert([e]).catch((one: unknown) => {
              if (isUnavailable(one)) throw one;
              onError(new AuditEventRejectedError(e, one));
            });
          }
        }
      },
    }, options);
  }

  get writer(): AuditWriter {
    return this.#writer;
  }

  protected async row(id: string): Promise<AuditRow | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit WHERE id = $1`, [id]));
    return rows[0];
  }

  async prune(cutoff: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM audit WHERE time < $1', [cutoff]));
    return rowCount ?? 0;
  }

  /** One transaction per batch, so a batch is stored whole or not at all; a repeated id is kept once. */
  async #insert(events: readonly AuditEvent[]): Promise<void> {
    const client = await this.#pool.connect();
    // A server restart between two statements surfaces as an 'error' event on the checked-out
    // client; the next statement fails too and the batch is retried, so the event needs no action.
    const ignore = () => undefined;
    client.on('error', ignore);
    try {
      await client.query('BEGIN');
      for (let start = 0; start < events.length; start += ROWS_PER_STATEMENT) {
        const chunk = events.slice(start, start + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        const tuples = chunk.map((e) => {
          const first = params.length;
          params.push(...toParams(e));
          return `(${Array.from({ length: COLUMN_COUNT }, (_, i) => `$${first + i + 1}`).join(', ')})`;
        });
        await client.query(`INSERT INTO audit (${AUDIT_COLUMNS}) VALUES ${tuples.join(', ')} ON CONFLICT (id) DO NOTHING`, params);
      }
      await client.query('COMMIT');
      client.off('error', ignore);
      client.release();
    } catch (err) {
      // A broken connection is discarded rather than returned to the pool.
      await client.query('ROLLBACK').catch(() => undefined);
      client.off('error', ignore);
      client.release(err instanceof Error ? err : true);
      throw err;
    }
  }

  protected async page(query: AuditQuery, cursor: AuditCursor | undefined, limit: number, order: 'newest' | 'oldest'): Promise<AuditRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.since !== undefined) add((p) => `time >= ${p}`, query.since);
    if (query.until !== undefined) add((p) => `time < ${p}`, query.until);
    if (query.client !== undefined) add(clientSql, likePattern(query.client));
    if (query.decision !== undefined) add((p) => `decision = ${p}`, query.decision);
    if (query.provider !== undefined) add((p) => `provider = ${p}`, query.provider);
    if (query.category !== undefined) add((p) => `findings::jsonb ? ${p}`, query.category);
    if (query.q !== undefined) add(textSql, likePattern(query.q));
    if (query.status !== undefined) add((p) => statusClassSql(`${p}::int`), statusClassDigit(query.status));
    if (query.error !== undefined) where.push(ERROR_SQL[query.error]);
    if (query.held === true) where.push(HELD_SQL);
    if (cursor) {
      params.push(cursor.cursorTime, cursor.cursorId);
      const op = order === 'newest' ? '<' : '>';
      where.push(`(time, id) ${op} ($${params.length - 1}, $${params.length})`);
    }
    params.push(limit);
    const dir = order === 'newest' ? 'DESC' : 'ASC';
    const sql = `SELECT ${AUDIT_COLUMNS} FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY time ${dir}, id ${dir} LIMIT $${params.length}`;
    const { rows } = await storeCall(() => this.#pool.query<AuditRow>(sql, params));
    return rows;
  }
}
