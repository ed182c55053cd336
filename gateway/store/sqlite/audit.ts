import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { AuditEvent } from '../../audit/event.js';
import { AuditWriter, type AuditWriterOptions, type FlushedListener } from '../../audit/writer.js';
import type { AuditPage, AuditQuery, AuditRepo } from '../types.js';
import { AUDIT_COLUMNS, fromRow, toParams, type AuditRow } from './audit-row.js';
import { DEFAULT_PAGE, MAX_PAGE, decodeCursor, encodeCursor, listSql, usedFilters } from './audit-query.js';
import { pruneInChunks } from './prune.js';


/** The audit trail: a batched writer in front, paged reads behind. */
export class SqliteAudit implements AuditRepo {
  readonly #db: Database.Database;
  readonly #writer: AuditWriter;
  readonly #get: Statement<[string], AuditRow>;
  readonly #prune: Statement;
  readonly #lists = new Map<string, Statement<[Record<string, unknown>], AuditRow>>();

  constructor(db: Database.Database, options: AuditWriterOptions, onWrite: () => void) {
    this.#db = db;
    // A repeated id is the same event written twice: keep the first, so a retried batch is harmless.
    const insert = db.prepare(
      `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES (${AUDIT_COLUMNS.replace(/\w+/g, '?')}) ON CONFLICT (id) DO NOTHING`,
    );
    const insertBatch = db.transaction((events: readonly AuditEvent[]) => {
      for (const e of events) insert.run(toParams(e));
    });
    const insertOne = db.transaction((e: AuditEvent) => insert.run(toParams(e)));
    const onError = options.onError ?? (() => undefined);
    // Batch by batch; if one malformed event spoils a batch, store the rest one savepoint at a time.
    const insertEach = db.transaction((events: readonly AuditEvent[]) => {
      for (const e of events) {
        try {
          insertOne(e);
        } catch (err) {
          if (!isEventFault(err)) throw err;
          onError(new AuditEventRejectedError(e, err));
        }
      }
    });
    this.#writer = new AuditWriter(
      {
        writeBatch: (events) => {
          try {
            insertBatch.immediate(events);
          } catch (err) {
            if (!isEventFault(err)) throw err;
            insertEach.immediate(events);
          }
          onWrite();
        },
      },
      options,
    );
    this.#get = db.prepare(`SELECT ${AUDIT_COLUMNS} FROM audit WHERE id = ?`);
    this.#prune = db.prepare('DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE time < @cutoff LIMIT @limit)');
  }

  get writer(): AuditWriter {
    return this.#writer;
  }

  enqueue(event: AuditEvent): boolean {
    return this.#writer.enqueue(event);
  }

  hasCapacity(): boolean {
    return this.#writer.hasCapacity();
  }

  get depth(): number {
    return this.#writer.depth;
  }

  get failing(): number {
    return this.#writer.failing;
  }

  onFlushed(listener: FlushedListener): () => void {
    return this.#writer.onFlushed(listener);
  }

  flush(): Promise<void> {
    return this.#writer.flush();
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? DEFAULT_PAGE)), MAX_PAGE);
    const rows = this.#page(query, query.cursor ? decodeCursor(query.cursor) : undefined, limit + 1, 'newest');
    const events = rows.slice(0, limit).map(fromRow);
    if (rows.length <= limit) return { events };
    const last = rows[limit - 1];
    return { events, nextCursor: encodeCursor(last.time, last.id) };
  }

  async *export(options: { since?: number; until?: number }): AsyncIterable<AuditEvent> {
    let cursor: { cursorTime: number; cursorId: string } | undefined;
    for (;;) {
      const rows = this.#page(options, cursor, MAX_PAGE, 'oldest');
      for (const row of rows) yield fromRow(row);
      if (rows.length < MAX_PAGE) return;
      const last = rows[rows.length - 1];
      cursor = { cursorTime: last.time, cursorId: last.id };
    }
  }

  async get(id: string): Promise<AuditEvent | undefined> {
    const row = this.#get.get(id);
    return row ? fromRow(row) : undefined;
  }

  close(): Promise<void> {
    return this.#writer.close();
  }

  prune(cutoff: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff });
  }

  #page(
    query: AuditQuery,
    cursor: { cursorTime: number; cursorId: string } | undefined,
    limit: number,
    order: 'newest' | 'oldest',
  ): AuditRow[] {
    const filters = usedFilters(query);
    const key = `${order}:${cursor ? 'c' : ''}:${filters.join(',')}`;
    let stmt = this.#lists.get(key);
    if (!stmt) {
      stmt = this.#db.prepare<[Record<string, unknown>], AuditRow>(listSql(filters, cursor !== undefined, order));
      this.#lists.set(key, stmt);
    }
    const params: Record<string, unknown> = { limit, ...cursor };
    for (const f of filters) params[f] = query[f];
    return stmt.all(params);
  }
}

/**
 * An event that can never be stored (a constraint or type violation, a value that will not serialize)
 * is reported through onError and skipped: retrying it forever would wedge the queue behind it.
 * Anything else (disk full, locked, I/O) is the environment's fault, and the batch is retried.
 */
export class AuditEventRejectedError extends Error {
  readonly eventId: string;
  constructor(event: AuditEvent, cause: unknown) {
    super(`audit event ${String(event?.id)} cannot be stored: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'AuditEventRejectedError';
    this.eventId = String(event?.id);
  }
}

function isEventFault(err: unknown): boolean {
  if (!(err instanceof Database.SqliteError)) return true;
  return err.code.startsWith('SQLITE_CONSTRAINT') || err.code === 'SQLITE_MISMATCH' || err.code === 'SQLITE_TOOBIG';
}
