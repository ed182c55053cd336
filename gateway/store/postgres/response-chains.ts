import type pg from 'pg';
import type { ResponseChainRepo } from '../types.js';
import { storeCall } from './unavailable.js';

/** Response id → the placeholders its conversation showed the model (see SqliteResponseChains). */
export class PgResponseChains implements ResponseChainRepo {
  readonly #pool: pg.Pool;
  readonly #now: () => number;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
  }

  async put(entry: { scope: string; responseId: string; placeholders: readonly string[]; expiresAt: number }): Promise<void> {
    await storeCall(() => this.#pool.query(
      `INSERT INTO response_chains (scope, response_id, placeholders, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (scope, response_id) DO UPDATE SET placeholders = excluded.placeholders, expires_at = excluded.expires_at`,
      [entry.scope, entry.responseId, JSON.stringify(entry.placeholders), entry.expiresAt]));
  }

  async get(scope: string, responseId: string): Promise<string[] | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<{ placeholders: string }>(
      'SELECT placeholders FROM response_chains WHERE scope = $1 AND response_id = $2 AND expires_at > $3',
      [scope, responseId, this.#now()]));
    const row = rows[0];
    if (row === undefined) return undefined;
    const list: unknown = JSON.parse(row.placeholders);
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : undefined;
  }

  async prune(now: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM response_chains WHERE expires_at <= $1', [now]));
    return rowCount ?? 0;
  }
}
