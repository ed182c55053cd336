import type { Database, Statement } from 'better-sqlite3';
import type { NonceRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';
import { pruneInChunks } from './prune.js';

/**
 * Seen request-signing nonces. Durable, so a replay is caught after a restart too. A nonce whose
 * expiry passed counts as absent even before pruning removes it: its signed timestamp is outside
 * the window by then, so only a freshly signed request can carry it.
 */
export class SqliteNonces implements NonceRepo {
  readonly #committer: GroupCommitter;
  readonly #now: () => number;
  readonly #insert: Statement;
  readonly #prune: Statement;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#insert = db.prepare(`
      INSERT INTO nonces (nonce, expires_at) VALUES (@nonce, @expiresAt)
      ON CONFLICT (nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= @now`);
    this.#prune = db.prepare(`
      DELETE FROM nonces WHERE nonce IN (SELECT nonce FROM nonces WHERE expires_at <= @cutoff LIMIT @limit)`);
  }

  insertIfAbsent(nonce: string, expiresAt: number): Promise<boolean> {
    return this.#committer.run(() => this.#insert.run({ nonce, expiresAt, now: this.#now() }).changes === 1);
  }

  prune(now: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff: now });
  }
}
