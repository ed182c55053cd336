import type { Database, Statement } from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '../../keys/random.js';
import type { ClientKeyRecord, ClientKeysRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';

type KeyRow = {
  id: string;
  key_hash: Buffer;
  name: string;
  app: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

export const CLIENT_KEY_PREFIX = 'agk_';
/** 43 base62 characters ≈ 256 bits. */
const KEY_CHARS = 43;
const KEY_SHAPE = /^agk_[0-9A-Za-z]{43}$/;
const TOUCH_FLUSH_MS = 1000;

/**
 * Gateway client keys, stored as SHA-256 only. A plain fast hash is right here: the keys are 256-bit
 * random strings, so there is nothing to brute-force, and a slow password hash (scrypt, argon2) would
 * add milliseconds of CPU to every authenticated request for no gain.
 */
export class SqliteClientKeys implements ClientKeysRepo {
  readonly #committer: GroupCommitter;
  readonly #now: () => number;
  readonly #insert: Statement;
  readonly #byHash: Statement<[Buffer], KeyRow>;
  readonly #list: Statement<[], KeyRow>;
  readonly #revoke: Statement<[number, string]>;
  readonly #touch: Statement<[number, string]>;
  readonly #touched = new Map<string, number>();
  #touchFlush: Promise<void> | undefined;
  #touchTimer: NodeJS.Timeout | undefined;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO client_keys (id, key_hash, name, app, created_at) VALUES (@id, @hash, @name, @app, @createdAt)',
    );
    this.#byHash = db.prepare('SELECT * FROM client_keys WHERE key_hash = ?');
    this.#list = db.prepare('SELECT * FROM client_keys ORDER BY created_at, id');
    this.#revoke = db.prepare('UPDATE client_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.#touch = db.prepare(
      'UPDATE client_keys SET last_used_at = max(coalesce(last_used_at, 0), ?) WHERE id = ?',
    );
  }

  async create(input: { name: string; app: string }): Promise<{ id: string; key: string; record: ClientKeyRecord }> {
    const id = `ck_${randomBase62(16)}`;
    const key = CLIENT_KEY_PREFIX + randomBase62(KEY_CHARS);
    const record: ClientKeyRecord = { id, name: input.name, app: input.app, createdAt: this.#now() };
    await this.#committer.run(() => this.#insert.run({ ...record, hash: hashKey(key) }));
    return { id, key, record };
  }

  async verify(key: string): Promise<ClientKeyRecord | undefined> {
    if (!KEY_SHAPE.test(key)) return undefined;
    const hash = hashKey(key);
    const row = this.#byHash.get(hash);
    // The index lookup finds the row; the constant-time compare is what decides.
    if (!row || !timingSafeEqual(row.key_hash, hash) || row.revoked_at !== null) return undefined;
    return this.#toRecord(row);
  }

  async list(): Promise<ClientKeyRecord[]> {
    return this.#list.all().map((r) => this.#toRecord(r));
  }

  revoke(id: string): Promise<boolean> {
    return this.#committer.run(() => this.#revoke.run(this.#now(), id).changes > 0);
  }

  touch(id: string): Promise<void> {
    this.#touched.set(id, this.#now());
    if (!this.#touchFlush) {
      this.#touchFlush = new Promise<void>((resolve, reject) => {
        this.#touchTimer = setTimeout(() => this.flushTouches().then(resolve, reject), TOUCH_FLUSH_MS);
        this.#touchTimer.unref();
      });
      // Callers may fire and forget; a failed write (store closing) must not become an unhandled rejection.
      this.#touchFlush.catch(() => undefined);
    }
    return this.#touchFlush;
  }

  /** Writes coalesced last-used times now (also called at close). */
  flushTouches(): Promise<void> {
    if (this.#touchTimer) clearTimeout(this.#touchTimer);
    this.#touchTimer = undefined;
    this.#touchFlush = undefined;
    const entries = [...this.#touched];
    this.#touched.clear();
    if (entries.length === 0) return Promise.resolve();
    return this.#committer.run(() => {
      for (const [id, at] of entries) this.#touch.run(at, id);
    });
  }

  #toRecord(row: KeyRow): ClientKeyRecord {
    const lastUsed = Math.max(row.last_used_at ?? 0, this.#touched.get(row.id) ?? 0);
    return {
      id: row.id,
      name: row.name,
      app: row.app,
      createdAt: row.created_at,
      ...(lastUsed > 0 ? { lastUsedAt: lastUsed } : {}),
      ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
    };
  }
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
