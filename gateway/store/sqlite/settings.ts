import type { Database, Statement } from 'better-sqlite3';
import type { SettingsRepo, StoredSetting } from '../types.js';
import type { GroupCommitter } from './group-commit.js';

type SettingRow = { version: number; value: string; updated_at: number };

/** JSON settings by key, each with the schema version it was written under. */
export class SqliteSettings implements SettingsRepo {
  readonly #committer: GroupCommitter;
  readonly #now: () => number;
  readonly #get: Statement<[string], SettingRow>;
  readonly #put: Statement;

  constructor(db: Database, committer: GroupCommitter, now: () => number) {
    this.#committer = committer;
    this.#now = now;
    this.#get = db.prepare('SELECT version, value, updated_at FROM settings WHERE key = ?');
    this.#put = db.prepare(`
      INSERT INTO settings (key, version, value, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET version = excluded.version, value = excluded.value, updated_at = excluded.updated_at`);
  }

  async get(key: string): Promise<StoredSetting | undefined> {
    const row = this.#get.get(key);
    return row ? { version: row.version, value: JSON.parse(row.value) as unknown, updatedAt: row.updated_at } : undefined;
  }

  put(key: string, value: unknown, version: number): Promise<void> {
    if (!Number.isInteger(version) || version < 0) return Promise.reject(new Error('setting version must be a non-negative integer'));
    const json = JSON.stringify(value);
    if (json === undefined) return Promise.reject(new Error('setting value is not JSON-serializable'));
    return this.#committer.run(() => {
      this.#put.run(key, version, json, this.#now());
    });
  }
}
