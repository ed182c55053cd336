import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { openString, seal } from '../../keys/seal.js';
import type { ProviderKeysRepo } from '../types.js';
import { storeCall } from './unavailable.js';

/** Managed provider API keys, sealed with the 'provider-keys' subkey exactly as in SQLite. */
export class PgProviderKeys implements ProviderKeysRepo {
  readonly #pool: pg.Pool;
  readonly #key: KeyObject;
  readonly #now: () => number;

  constructor(pool: pg.Pool, key: KeyObject, now: () => number) {
    this.#pool = pool;
    this.#key = key;
    this.#now = now;
  }

  async setProviderKey(provider: string, key: string): Promise<void> {
    if (key.length === 0) throw new Error('provider key is empty');
    const sealed = seal(this.#key, key, aad(provider));
    await storeCall(() => this.#pool.query(
      `INSERT INTO provider_keys (provider, sealed, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (provider) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
      [provider, sealed, this.#now()]));
  }

  async getProviderKey(provider: string): Promise<string | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<{ sealed: Buffer }>('SELECT sealed FROM provider_keys WHERE provider = $1', [provider]));
    return rows[0] ? openString(this.#key, rows[0].sealed, aad(provider)) : undefined;
  }

  async clearProviderKey(provider: string): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query('DELETE FROM provider_keys WHERE provider = $1', [provider]));
    return rowCount === 1;
  }

  async hasProviderKey(provider: string): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query('SELECT 1 FROM provider_keys WHERE provider = $1', [provider]));
    return rowCount === 1;
  }
}

function aad(provider: string): string {
  return JSON.stringify(['provider-key', provider]);
}
