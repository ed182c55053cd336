import type pg from 'pg';
import type { NonceRepo } from '../types.js';
import { storeCall } from './unavailable.js';

/** Seen signing nonces, when no Redis is configured; an expired nonce counts as absent (see SqliteNonces). */
export class PgNonces implements NonceRepo {
  readonly #pool: pg.Pool;
  readonly #now: () => number;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
  }

  async insertIfAbsent(nonce: string, expiresAt: number): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query(
      `INSERT INTO nonces (nonce, expires_at) VALUES ($1, $2)
       ON CONFLICT (nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE nonces.expires_at <= $3`,
      [nonce, expiresAt, this.#now()]));
    return rowCount === 1;
  }

  async prune(now: number): Promise<number> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM nonces WHERE expires_at <= $1', [now]));
    return rowCount ?? 0;
  }
}
