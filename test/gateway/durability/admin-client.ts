// The admin API as a user's script sees it: the bearer token read from `<dataDir>/admin-token`, one
// keep-alive connection, audit pages walked through their cursors. An event this client got back
// was read from the database by the gateway, so it had been committed: that is "acknowledged".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'undici';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import type { AuditPage, Health } from '../../../gateway/admin/contract.js';

export const readAdminToken = (dataDir: string): string => readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();

export class AdminClient {
  readonly #client: Client;
  readonly #auth: string;

  constructor(url: string, dataDir: string) {
    this.#client = new Client(url, { pipelining: 1 });
    this.#auth = `Bearer ${readAdminToken(dataDir)}`;
  }

  /** An admin call; throws unless the status is `expect`. */
  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: object, expect = 200): Promise<T> {
    const headers: Record<string, string> = { authorization: this.#auth };
    if (body) headers['content-type'] = 'application/json';
    const res = await this.#client.request({ method, path, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await res.body.text();
    if (res.statusCode !== expect) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  health(): Promise<Health> {
    return this.call<Health>('GET', '/admin/health');
  }

  /** Audit pages, newest first, 500 events each, until the last page (or the caller stops iterating). */
  async *auditPages(since?: number): AsyncGenerator<AuditEvent[]> {
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ limit: '500' });
      if (since !== undefined) q.set('since', String(since));
      if (cursor) q.set('cursor', cursor);
      const page = await this.call<AuditPage>('GET', `/admin/audit?${q}`);
      yield page.events;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** Every audit event, in the order the pages gave them (duplicates kept, so a caller can look for them). */
  async allEvents(since?: number): Promise<AuditEvent[]> {
    const all: AuditEvent[] = [];
    for await (const page of this.auditPages(since)) all.push(...page);
    return all;
  }

  close(): Promise<void> {
    return this.#client.destroy();
  }
}
