import type { AuditEvent } from '../shared/audit-event.js';
import type { AuditWriter, FlushedListener } from './audit-writer.js';
import type { AuditPage, AuditQuery, AuditRepo } from './types.js';
import { fromRow, type AuditRow } from './sqlite/audit-row.js';
import { DEFAULT_PAGE, MAX_PAGE, decodeCursor, encodeCursor } from './sqlite/audit-query.js';

export type AuditCursor = { cursorTime: number; cursorId: string };

/**
 * What every backend's audit shares: the bounded write-behind queue in front (AuditWriter) and
 * keyset paging over rows behind. A backend supplies the writer and one page query.
 */
export abstract class QueuedAudit implements AuditRepo {
  abstract get writer(): AuditWriter;
  protected abstract page(query: AuditQuery, cursor: AuditCursor | undefined, limit: number, order: 'newest' | 'oldest'): Promise<AuditRow[]>;
  protected abstract row(id: string): Promise<AuditRow | undefined>;

  enqueue(event: AuditEvent): boolean {
    return this.writer.enqueue(event);
  }

  hasCapacity(): boolean {
    return this.writer.hasCapacity();
  }

  get depth(): number {
    return this.writer.depth;
  }

  get failing(): number {
    return this.writer.failing;
  }

  onFlushed(listener: FlushedListener): () => void {
    return this.writer.onFlushed(listener);
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? DEFAULT_PAGE)), MAX_PAGE);
    const rows = await this.page(query, query.cursor ? decodeCursor(query.cursor) : undefined, limit + 1, 'newest');
    const events = rows.slice(0, limit).map(fromRow);
    if (rows.length <= limit) return { events };
    const last = rows[limit - 1];
    return { events, nextCursor: encodeCursor(last.time, last.id) };
  }

  async *export(options: { since?: number; until?: number }): AsyncIterable<AuditEvent> {
    let cursor: AuditCursor | undefined;
    for (;;) {
      const rows = await this.page(options, cursor, MAX_PAGE, 'oldest');
      for (const row of rows) yield fromRow(row);
      if (rows.length < MAX_PAGE) return;
      const last = rows[rows.length - 1];
      cursor = { cursorTime: last.time, cursorId: last.id };
    }
  }

  async get(id: string): Promise<AuditEvent | undefined> {
    const row = await this.row(id);
    return row ? fromRow(row) : undefined;
  }
}


