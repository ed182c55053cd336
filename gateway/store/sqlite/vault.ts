import type { Database, Statement } from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { openString, seal } from '../../keys/seal.js';
import type { VaultEntry, VaultRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';
import { pruneInChunks } from './prune.js';

export interface VaultOptions {
  key: KeyObject;
  now: () => number;
  defaultTtlMs: number;
}

/** Placeholder → original value, sealed with the 'vault' subkey and bound to its row by the AAD. */
export class SqliteVault implements VaultRepo {
  readonly #committer: GroupCommitter;
  readonly #options: VaultOptions;
  readonly #put: Statement;
  readonly #get: Statement<[string, string, number], { value: Buffer }>;
  readonly #prune: Statement;

  constructor(db: Database, committer: GroupCommitter, options: VaultOptions) {
    this.#committer = committer;
    this.#options = options;
    this.#put = db.prepare(`
      INSERT INTO vault (scope, placeholder, kind, value, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (scope, placeholder) DO UPDATE SET
        kind = excluded.kind, value = excluded.value, expires_at = max(vault.expires_at, excluded.expires_at)`);
    this.#get = db.prepare('SELECT value FROM vault WHERE scope = ? AND placeholder = ? AND expires_at > ?');
    this.#prune = db.prepare(`
      DELETE FROM vault WHERE (scope, placeholder) IN
        (SELECT scope, placeholder FROM vault WHERE expires_at <= @cutoff LIMIT @limit)`);
  }

  put(entries: readonly VaultEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const { key, now, defaultTtlMs } = this.#options;
    const at = now();
    // Encrypt before queueing, so the shared transaction only does inserts.
    const rows = entries.map((e) => [
      e.scope, e.placeholder, e.kind, seal(key, e.value, aad(e.scope, e.placeholder)), at, e.expiresAt ?? at + defaultTtlMs,
    ]);
    return this.#committer.run(() => {
      for (const row of rows) this.#put.run(row);
    });
  }

  async get(scope: string, placeholder: string): Promise<string | undefined> {
    const row = this.#get.get(scope, placeholder, this.#options.now());
    return row ? openString(this.#options.key, row.value, aad(scope, placeholder)) : undefined;
  }

  prune(now: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff: now });
  }
}

function aad(scope: string, placeholder: string): string {
  return JSON.stringify(['vault', scope, placeholder]);
}
