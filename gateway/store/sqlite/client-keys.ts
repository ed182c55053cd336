import type { Database, Statement } from 'better-sqlite3';
import { timingSafeEqual } from 'node:crypto';
import { hashKey, KEY_SHAPE, newClientKey, toClientKeyRecord, TouchCoalescer, type KeyRow } from '../client-key-shape.js';
import type { PresetName } from '../../shared/presets.js';
import type { ClientKeyRecord, ClientKeysRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';

export { CLIENT_KEY_PREFIX } from '../client-key-shape.js';

/** Gateway client keys, stored as SHA-256 only (client-key-shape.ts says why). */
export class SqliteClientKeys implements ClientKeysRepo {
  readonly #committer: GroupCommitter;
  readonly #now: () => number;
  readonly #insert: Statement;
  readonly #byHash: Statement<[Buffer], KeyRow>;
  readonly #list: Statement<[], KeyRow>;
  readonly #revoke: Statement<[number, string]>;
  readonly #touch: Statement<[number, string]>;
  readonly #setPreset: Statement<[string | null, string]>;
  readonly #touches: TouchCoalescer;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO client_keys (id, key_hash, name, app, created_at, preset) VALUES (@id, @hash, @name, @app, @createdAt, @preset)',
    );
    this.#setPreset = db.prepare('UPDATE client_keys SET preset = ? WHERE id = ? AND revoked_at IS NULL');
    this.#byHash = db.prepare('SELECT * FROM client_keys WHERE key_hash = ?');
    this.#list = db.prepare('SELECT * FROM client_keys ORDER BY created_at, id');
    this.#revoke = db.prepare('UPDATE client_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.#touch = db.prepare(
      'UPDATE client_keys SET last_used_at = max(coalesce(last_used_at, 0), ?) WHERE id = ?',
    );
    this.#touches = new TouchCoalescer((entries) => this.#committer.run(() => {
      for (const [id, at] of entries) this.#touch.run(at, id);
    }));
  }

  async create(input: { name: string; app: string; preset?: PresetName }): Promise<{ id: string; key: string; record: ClientKeyRecord }> {
    const { id, key } = newClientKey();
    const record: ClientKeyRecord = { id, name: input.name, app: input.app, createdAt: this.#now(), ...(input.preset ? { preset: input.preset } : {}) };
    await this.#committer.run(() => this.#insert.run({ ...record, preset: input.preset ?? null, hash: hashKey(key) }));
    return { id, key, record };
  }

  setPreset(id: string, preset: PresetName | undefined): Promise<boolean> {
    return this.#committer.run(() => this.#setPreset.run(preset ?? null, id).changes > 0);
  }

  async verify(key: string): Promise<ClientKeyRecord | undefined> {
    if (!KEY_SHAPE.test(key)) return undefined;
    const hash = hashKey(key);
    const row = this.#byHash.get(hash);
    // The index lookup finds the row; the constant-time compare is what decides.
    if (!row || !timingSafeEqual(row.key_hash, hash) || row.revoked_at !== null) return undefined;
    return toClientKeyRecord(row, this.#touches.lastTouched(row.id));
  }

  async list(): Promise<ClientKeyRecord[]> {
    return this.#list.all().map((r) => toClientKeyRecord(r, this.#touches.lastTouched(r.id)));
  }

  revoke(id: string): Promise<boolean> {
    return this.#committer.run(() => this.#revoke.run(this.#now(), id).changes > 0);
  }

  touch(id: string): Promise<void> {
    return this.#touches.touch(id, this.#now());
  }

  /** Writes coalesced last-used times now (also called at close). */
  flushTouches(): Promise<void> {
    return this.#touches.flush();
  }
}
