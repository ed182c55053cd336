import type { Database, Statement } from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { openString, seal } from '../../keys/seal.js';
import type { ProviderKeysRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';

/** Managed provider API keys, sealed with the 'provider-keys' subkey; the AAD binds each to its provider. */
export class SqliteProviderKeys implements ProviderKeysRepo {
  readonly #committer: GroupCommitter;
  readonly #key: KeyObject;
  readonly #now: () => number;
  readonly #set: Statement;
  readonly #get: Statement<[string], { sealed: Buffer }>;
  readonly #clear: Statement<[string]>;

  constructor(db: Database, committer: GroupCommitter, key: KeyObject, now: () => number) {
    this.#committer = committer;
    this.#key = key;
    this.#now = now;
    this.#set = db.prepare(`
      INSERT INTO provider_keys (provider, sealed, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (provider) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`);
    this.#get = db.prepare('SELECT sealed FROM provider_keys WHERE provider = ?');
    this.#clear = db.prepare('DELETE FROM provider_keys WHERE provider = ?');
  }

  setProviderKey(provider: string, key: string): Promise<void> {
    if (key.length === 0) return Promise.reject(new Error('provider key is empty'));
    const sealed = seal(this.#key, key, aad(provider));
    return this.#committer.run(() => {
      this.#set.run(provider, sealed, this.#now());
    });
  }

  async getProviderKey(provider: string): Promise<string | undefined> {
    const row = this.#get.get(provider);
    return row ? openString(this.#key, row.sealed, aad(provider)) : undefined;
  }

  clearProviderKey(provider: string): Promise<boolean> {
    return this.#committer.run(() => this.#clear.run(provider).changes > 0);
  }

  async hasProviderKey(provider: string): Promise<boolean> {
    return this.#get.get(provider) !== undefined;
  }
}

function aad(provider: string): string {
  return JSON.stringify(['provider-key', provider]);
}
