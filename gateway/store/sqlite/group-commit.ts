import type { Database, Transaction } from 'better-sqlite3';

interface QueuedOp {
  op: () => unknown;
  /** Needs no fsync of its own: a later durable commit makes it durable too (see `run`). */
  lazy: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the writes that gate forwarding (vault mappings, pending items, nonces). Every
 * write queued during one turn of the event loop runs in a single IMMEDIATE transaction, so N
 * concurrent requests pay for one fsync instead of N; each caller's promise resolves only after the
 * COMMIT returned. Each op runs in its own savepoint, so one failing op rejects only its caller.
 */
export class GroupCommitter {
  readonly #db: Database;
  readonly #queue: QueuedOp[] = [];
  readonly #commit: Transaction<(ops: QueuedOp[]) => unknown[]>;
  readonly #savepoint: Transaction<(op: () => unknown) => unknown>;
  readonly #onCommit: () => void;
  #immediate: NodeJS.Immediate | undefined;
  #closed = false;
  transactions = 0;
  ops = 0;

  constructor(db: Database, onCommit: () => void = () => undefined) {
    this.#db = db;
    this.#onCommit = onCommit;
    // Nested better-sqlite3 transactions become SAVEPOINTs.
    this.#savepoint = db.transaction((op: () => unknown) => op());
    this.#commit = db.transaction((ops: QueuedOp[]) =>
      ops.map((q) => {
        try {
          return { ok: true, value: this.#savepoint(q.op) };
        } catch (err) {
          return { ok: false, value: err };
        }
      }),
    );
  }

  /**
   * Runs `op` inside the next group transaction; resolves with its result once committed.
   * `lazy` ops are for the leading slices of a large write whose last slice is durable: when a whole
   * batch is lazy it commits without an fsync (synchronous=NORMAL), and the next FULL commit's WAL
   * fsync makes it durable with everything before it. One fsync per large write, not one per slice.
   */
  run<T>(op: () => T, opts: { lazy?: boolean } = {}): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ op, lazy: opts.lazy === true, resolve: resolve as (value: unknown) => void, reject });
      this.#immediate ??= setImmediate(() => this.drain());
    });
  }

  /** Commits everything queued now. Synchronous: better-sqlite3 is. */
  drain(): void {
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = undefined;
    if (this.#queue.length === 0) return;
    const batch = this.#queue.splice(0, this.#queue.length);
    let results: { ok: boolean; value: unknown }[];
    const lazy = batch.every((q) => q.lazy);
    try {
      if (lazy) this.#db.pragma('synchronous = NORMAL');
      results = this.#commit.immediate(batch) as { ok: boolean; value: unknown }[];
    } catch (err) {
      for (const q of batch) q.reject(err);
      return;
    } finally {
      if (lazy) this.#db.pragma('synchronous = FULL');
    }
    this.transactions++;
    this.ops += batch.length;
    this.#onCommit();
    batch.forEach((q, i) => {
      const r = results[i];
      if (r.ok) q.resolve(r.value);
      else q.reject(r.value);
    });
  }

  close(): void {
    this.drain();
    this.#closed = true;
  }
}
