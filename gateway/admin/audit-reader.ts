import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../shared/audit-event.js';
import { listSql, type FilterName } from '../store/sqlite/audit-query.js';
import { fromRow, type AuditRow } from '../store/sqlite/audit-row.js';
import { DB_FILE } from '../store/sqlite/connection.js';

const PAGE = 1000;

export class NoAuditDatabaseError extends Error {
  override name = 'NoAuditDatabaseError';
}

/**
 * Reads the audit table of a data dir without opening the store: a read-only connection, no
 * migrations, no open-marker, so it is safe next to a running gateway (WAL lets readers and the
 * writer proceed together). Each page is its own short read, so the writer's checkpoints are never
 * held back for the length of an export.
 */
export class AuditReader {
  readonly #db: Database.Database;
  readonly #first: Database.Statement<[Record<string, unknown>], AuditRow>;
  readonly #next: Database.Statement<[Record<string, unknown>], AuditRow>;
  readonly #params: Record<string, unknown>;

  constructor(dataDir: string, range: { since?: number; until?: number }, busyTimeoutMs = 5000) {
    const path = join(dataDir, DB_FILE);
    if (!existsSync(path)) throw new NoAuditDatabaseError(`no audit database at ${path}`);
    this.#db = new Database(path, { readonly: true, fileMustExist: true });
    this.#db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    const filters: FilterName[] = [];
    this.#params = { limit: PAGE };
    for (const f of ['since', 'until'] as const) {
      if (range[f] === undefined) continue;
      filters.push(f);
      this.#params[f] = range[f];
    }
    this.#first = this.#db.prepare(listSql(filters, false, 'oldest'));
    this.#next = this.#db.prepare(listSql(filters, true, 'oldest'));
  }

  /** Oldest first. */
  *events(): Generator<AuditEvent> {
    const base = this.#params;
    let rows = this.#first.all(base);
    for (;;) {
      for (const row of rows) yield fromRow(row);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1];
      rows = this.#next.all({ ...base, cursorTime: last.time, cursorId: last.id });
    }
  }

  close(): void {
    this.#db.close();
  }
}
