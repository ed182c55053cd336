import type { Database, Statement } from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import { openString, sealAll } from '../../keys/seal.js';
import { Slicer } from '../../slicer.js';
import type { VaultEntry, VaultRepo } from '../types.js';
import type { GroupCommitter } from './group-commit.js';
import { pruneInChunks } from './prune.js';

export interface VaultOptions {
  key: KeyObject;
  now: () => number;
  defaultTtlMs: number;
}

/** Rows per INSERT statement: 6 parameters each, far below SQLite's 32766-parameter limit. */
const ROWS_PER_INSERT = 100;
/**
 * Rows per transaction. A request with thousands of new values is written in slices of this many,
 * one group commit each, so sealing and inserting never hold the event loop for long at a time.
 */
const ROWS_PER_COMMIT = 200;

/**
 * A large write's entries in (nearly) primary-key order: bucketed by scope, kind and the code's first
 * two characters, buckets sorted. Placeholder codes are hashes, so in arrival order every row of a
 * slice lands on a different B-tree leaf and each commit writes hundreds of pages to the WAL (and
 * every second one ran a checkpoint, fsync included, on the event loop). In key order a slice fills
 * a few neighbouring leaves. Linear, and in slices: sorting 140,000 strings would itself be a stall.
 */
async function inKeyOrder(entries: readonly VaultEntry[], slicer: Slicer): Promise<VaultEntry[]> {
  const buckets = new Map<string, VaultEntry[]>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const key = `${e.scope}\0${e.placeholder.slice(0, e.placeholder.lastIndexOf('_') + 3)}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(e);
    else buckets.set(key, [e]);
    if ((i & 1023) === 1023) await slicer.maybeYield();
  }
  const out: VaultEntry[] = [];
  for (const key of [...buckets.keys()].sort()) for (const e of buckets.get(key)!) out.push(e);
  return out;
}

/** Placeholder → original value, sealed with the 'vault' subkey and bound to its row by the AAD. */
export class SqliteVault implements VaultRepo {
  readonly #db: Database;
  readonly #committer: GroupCommitter;
  readonly #options: VaultOptions;
  /** Multi-row inserts by row count, prepared on first use (at most ROWS_PER_INSERT of them). */
  readonly #inserts = new Map<number, Statement>();
  readonly #get: Statement<[string, string, number], { value: Buffer }>;
  readonly #prune: Statement;

  constructor(db: Database, committer: GroupCommitter, options: VaultOptions) {
    this.#db = db;
    this.#committer = committer;
    this.#options = options;
    this.#insertOf(ROWS_PER_INSERT);
    this.#insertOf(1);
    this.#get = db.prepare('SELECT value FROM vault WHERE scope = ? AND placeholder = ? AND expires_at > ?');
    this.#prune = db.prepare(`
      DELETE FROM vault WHERE (scope, placeholder) IN
        (SELECT scope, placeholder FROM vault WHERE expires_at <= @cutoff LIMIT @limit)`);
  }

  async put(all: readonly VaultEntry[]): Promise<void> {
    const { key, now, defaultTtlMs } = this.#options;
    const entries = all.length > ROWS_PER_COMMIT ? await inKeyOrder(all, new Slicer()) : all;
    for (let i = 0; i < entries.length; i += ROWS_PER_COMMIT) {
      const slice = entries.slice(i, i + ROWS_PER_COMMIT);
      const at = now();
      // Encrypt before queueing, so the shared transaction only does inserts.
      const sealed = sealAll(key, slice.map((e) => ({ plaintext: e.value, aad: aad(e.scope, e.placeholder) })));
      const params = slice.flatMap((e, j) => [e.scope, e.placeholder, e.kind, sealed[j], at, e.expiresAt ?? at + defaultTtlMs]);
      // Only the last slice waits for an fsync; it makes the earlier ones durable too.
      const last = i + ROWS_PER_COMMIT >= entries.length;
      await this.#committer.run(() => this.#insertRows(params, slice.length), { lazy: !last });
    }
  }

  /** `params` holds `rows` rows of 6 values: full multi-row statements, then one for the rest. */
  #insertRows(params: readonly unknown[], rows: number): void {
    let done = 0;
    while (done < rows) {
      const n = Math.min(ROWS_PER_INSERT, rows - done);
      this.#insertOf(n).run(params.slice(done * 6, (done + n) * 6));
      done += n;
    }
  }

  #insertOf(rows: number): Statement {
    let stmt = this.#inserts.get(rows);
    if (stmt === undefined) {
      stmt = this.#db.prepare(`
        INSERT INTO vault (scope, placeholder, kind, value, created_at, expires_at)
        VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}
        ON CONFLICT (scope, placeholder) DO UPDATE SET
          kind = excluded.kind, value = excluded.value, expires_at = max(vault.expires_at, excluded.expires_at)`);
      this.#inserts.set(rows, stmt);
    }
    return stmt;
  }

  async get(scope: string, placeholder: string): Promise<string | undefined> {
    const row = this.#get.get(scope, placeholder, this.#options.now());
    return row ? openString(this.#options.key, row.value, aad(scope, placeholder)) : undefined;
  }

  prune(now: number): Promise<number> {
    return pruneInChunks(this.#prune, { cutoff: now });
  }
}

function aad(scope: string, placeholder: string): string {
  return JSON.stringify(['vault', scope, placeholder]);
}
