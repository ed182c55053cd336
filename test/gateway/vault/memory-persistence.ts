import type { VaultPersistence } from '../../../gateway/vault/vault.js';

type Row = Parameters<VaultPersistence['put']>[0][number];

/** The vault's injected store, in memory, counting calls; `failing` makes every call reject. */
export class MemoryPersistence implements VaultPersistence {
  readonly rows = new Map<string, Row>();
  puts = 0;
  gets = 0;
  failing = false;
  now: () => number = Date.now;

  async put(entries: Row[]): Promise<void> {
    this.puts++;
    if (this.failing) throw new Error('store unavailable');
    for (const e of entries) this.rows.set(`${e.scope}\0${e.placeholder}`, { ...e });
  }

  async get(scope: string, placeholder: string): Promise<string | undefined> {
    this.gets++;
    if (this.failing) throw new Error('store unavailable');
    const row = this.rows.get(`${scope}\0${placeholder}`);
    return row !== undefined && row.expiresAt > this.now() ? row.value : undefined;
  }
}
