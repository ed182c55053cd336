import type pg from 'pg';
import type { SettingsRepo, StoredSetting } from '../types.js';
import { storeCall } from './unavailable.js';

type SettingRow = { version: number; value: string; updated_at: number };

/** JSON settings by key with their schema version: the config overlay every instance reads. */
export class PgSettings implements SettingsRepo {
  readonly #pool: pg.Pool;
  readonly #now: () => number;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
  }

  async get(key: string): Promise<StoredSetting | undefined> {
    const { rows } = await storeCall(() => this.#pool.query<SettingRow>('SELECT version, value, updated_at FROM settings WHERE key = $1', [key]));
    const row = rows[0];
    return row ? { version: row.version, value: JSON.parse(row.value) as unknown, updatedAt: row.updated_at } : undefined;
  }

  async put(key: string, value: unknown, version: number): Promise<void> {
    if (!Number.isInteger(version) || version < 0) throw new Error('setting version must be a non-negative integer');
    const json = JSON.stringify(value);
    if (json === undefined) throw new Error('setting value is not JSON-serializable');
    await storeCall(() => this.#pool.query(
      `INSERT INTO settings (key, version, value, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET version = excluded.version, value = excluded.value, updated_at = excluded.updated_at`,
      [key, version, json, this.#now()]));
  }
}
