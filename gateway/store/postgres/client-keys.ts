import { timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import { hashKey, KEY_SHAPE, newClientKey, toClientKeyRecord, TouchCoalescer, type KeyRow } from '../client-key-shape.js';
import type { PresetName } from '../../shared/presets.js';
import type { ClientKeyRecord, ClientKeysRepo } from '../types.js';
import { storeCall } from './unavailable.js';

/** Gateway client keys as SHA-256 only, shared by every instance. */
export class PgClientKeys implements ClientKeysRepo {
  readonly #pool: pg.Pool;
  readonly #now: () => number;
  readonly #touches: TouchCoalescer;

  constructor(pool: pg.Pool, now: () => number) {
    this.#pool = pool;
    this.#now = now;
    // One statement for every coalesced use.
    this.#touches = new TouchCoalescer(async (entries) => {
      await storeCall(() => this.#pool.query(
        `UPDATE client_keys AS k SET last_used_at = greatest(coalesce(k.last_used_at, 0), t.at)
         FROM unnest($1::text[], $2::bigint[]) AS t(id, at) WHERE k.id = t.id`,
        [entries.map(([id]) => id), entries.map(([, at]) => at)]));
    });
  }

  async create(input: { name: string; app: string; preset?: PresetName }): Promise<{ id: string; key: string; record: ClientKeyRecord }> {
    const { id, key } = newClientKey();
    const record: ClientKeyRecord = { id, name: input.name, app: input.app, createdAt: this.#now(), ...(input.preset ? { preset: input.preset } : {}) };
    await storeCall(() => this.#pool.query(
      'INSERT INTO client_keys (id, key_hash, name, app, created_at, preset) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, hashKey(key), input.name, input.app, record.createdAt, input.preset ?? null]));
    return { id, key, record };
  }

  async setPreset(id: string, preset: PresetName | undefined): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query(
      'UPDATE client_keys SET preset = $1 WHERE id = $2 AND revoked_at IS NULL', [preset ?? null, id]));
    return rowCount === 1;
  }

  async verify(key: string): Promise<ClientKeyRecord | undefined> {
    if (!KEY_SHAPE.test(key)) return undefined;
    const hash = hashKey(key);
    const { rows } = await storeCall(() => this.#pool.query<KeyRow>('SELECT * FROM client_keys WHERE key_hash = $1', [hash]));
    const row = rows[0];
    if (!row || !timingSafeEqual(row.key_hash, hash) || row.revoked_at !== null) return undefined;
    return toClientKeyRecord(row, this.#touches.lastTouched(row.id));
  }

  async list(): Promise<ClientKeyRecord[]> {
    const { rows } = await storeCall(() => this.#pool.query<KeyRow>('SELECT * FROM client_keys ORDER BY created_at, id'));
    return rows.map((r) => toClientKeyRecord(r, this.#touches.lastTouched(r.id)));
  }

  async revoke(id: string): Promise<boolean> {
    const { rowCount } = await storeCall(() => this.#pool.query(
      'UPDATE client_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [this.#now(), id]));
    return rowCount === 1;
  }

  touch(id: string): Promise<void> {
    return this.#touches.touch(id, this.#now());
  }

  flushTouches(): Promise<void> {
    return this.#touches.flush();
  }
}
