import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { openString, seal } from '../../keys/seal.js';
import type { VaultEntry, VaultRepo } from '../types.js';
import { storeCall } from './unavailable.js';

export interface PgVaultOptions {
  key: KeyObject;
  now: () => number;
  defaultTtlMs: number;
}

/** Placeholder → original value, sealed exactly as in SQLite, so either backend reads the other's rows. */
export class PgVault implements VaultRepo {
  readonly #pool: pg.Pool;
  readonly #options: PgVaultOptions;

  constructor(pool: pg.Pool, options: PgVaultOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  async put(entries: readonly VaultEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const { key, now, defaultTtlMs } = this.#options;
    const at = now();
    // A statement may touch a row once, so the same mapping twice in one put becomes one row.
    const unique = [...new Map(entries.map((e) => [JSON.stringify([e.scope, e.placeholder]), e])).values()];
    const params: unknown[] = [];
    const values = unique.map((e, i) => {
      params.push(e.scope, e.placeholder, e.kind, seal(key, e.value, aad(e.scope, e.placeholder)), at, e.expiresAt ?? at + defaultTtlMs);
      const b = i * 6;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6})`;
    });
    // One statement, one implicit transaction: committed (durable) before the query resolves.
    await storeCall(() => this.#pool.query(`
      INSERT INTO vault (scope, placeholder, kind, value, created_at, expires_at) VALUES ${values.join(', ')}
      ON CONFLICT (scope, placeholder) DO UPDATE SET
        kind = excluded.kind, value = excluded.value, expires_at = greatest(vault.expires_at, excluded.expires_at)`, params));
  }

  async get(scope: string, placeholder: string): Promise<string | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<{ value: Buffer }>(
      'SELECT value FROM vault WHERE scope = $1 AND placeholder = $2 AND expires_at > $3', [scope, placeholder, this.#options.now()]));
    return rows[0] ? openString(this.#options.key, rows[0].value, aad(scope, placeholder)) : undefined;
  }

  async prune(now: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM vault WHERE expires_at <= $1', [now]));
    return rowCount ?? 0;
  }
}

function aad(scope: string, placeholder: string): string {
  return JSON.stringify(['vault', scope, placeholder]);
}
