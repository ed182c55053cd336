import type { Database, Statement } from 'better-sqlite3';
import type { ResponseChainRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';
import { pruneInChunks } from './prune.js';

/** Response id → the placeholders its conversation showed the model (not values: those stay in the vault). */
export class SqliteResponseChains implements ResponseChainRepo {
  readonly #committer: GroupCommitter;
  readonly #now: () => number;
  readonly #put: Statement;
  readonly #get: Statement<[string, string, number], { placeholders: string }>;
  readonly #prune: Statement;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#put = db.prepare(`
      INSERT INTO response_chains (scope, response_id, placeholders, expires_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (scope, response_id) DO UPDATE SET placeholders = excluded.placeholders, expires_at = excluded.expires_at`);
    this.#get = db.prepare('SELECT placeholders FROM response_chains WHERE scope = ? AND response_id = ? AND expires_at > ?');
    this.#prune = db.prepare(`
      DELETE FROM response_chains WHERE (scope, response_id) IN
        (SELECT scope, response_id FROM response_chains WHERE expires_at <= @cutoff LIMIT @limit)`);
  }

  put(entry: { scope: string; responseId: string; placeholders: readonly string[]; expiresAt: number }): Promise<void> {
    const row = [entry.scope, entry.responseId, JSON.stringify(entry.placeholders), entry.expiresAt];
    return this.#committer.run(() => {
      this.#put.run(row);
    });
  }

  async get(scope: string, responseId: string): Promise<string[] | undefined> {
    const row = this.#get.get(scope, responseId, this.#now());
    if (row === undefined) return undefined;
    const list: unknown = JSON.parse(row.placeholders);
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : undefined;
  }

  prune(now: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff: now });
  }
}
