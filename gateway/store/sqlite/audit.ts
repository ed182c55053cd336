import Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { AuditEvent } from '../../shared/audit-event.js';
import { AuditWriter, type AuditWriterOptions } from '../audit-writer.js';
import { QueuedAudit, type AuditCursor } from '../queued-audit.js';
import type { AuditQuery } from '../types.js';
import { AUDIT_COLUMNS, toParams, type AuditRow } from './audit-row.js';
import { listSql, filterParams, usedFilters } from './audit-query.js';
import { pruneInChunks } from './prune.js';


/** The audit trail: a batched writer in front, paged reads behind. */
export class SqliteAudit extends QueuedAudit {
  readonly #db: Database.Database;
  readonly #writer: AuditWriter;
  readonly #get: Statement<[string], AuditRow>;
  readonly #prune: Statement;
  readonly #lists = new Map<string, Statement<[Record<string, unknown>], AuditRow>>();

  constructor(db: Database.Database, options: AuditWriterOptions, onWrite: () => void) {
    super();
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

  protected async row(id: string): Promise<AuditRow | undefined> {
    return this.#get.get(id);
  }

  prune(cutoff: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff });
  }

  protected async page(query: AuditQuery, cursor: AuditCursor | undefined, limit: number, order: 'newest' | 'oldest'): Promise<AuditRow[]> {
    const filters = usedFilters(query);
    const key = `${order}:${cursor ? 'c' : ''}:${filters.join(',')}`;
    let stmt = this.#lists.get(key);
    if (!stmt) {
      stmt = this.#db.prepare<[Record<string, unknown>], AuditRow>(listSql(filters, cursor !== undefined, order));
      this.#lists.set(key, stmt);
    }
    const params: Record<string, unknown> = { limit, ...cursor, ...filterParams(query, filters) };
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
