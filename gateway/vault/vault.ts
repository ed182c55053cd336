import { isPlaceholder, mintPlaceholder, normalizeKind, placeholderKind, type MintFn } from './placeholder.js';
import { VaultSession } from './vault-session.js';

export { VaultSession };

export interface VaultPersistence {
  /** Durably store mappings (committed before the request is forwarded). Reject = store unavailable. */
  put(entries: { scope: string; placeholder: string; value: string; kind: string; expiresAt: number }[]): Promise<void>;
  /** Read one mapping back (after an LRU eviction or a restart). */
  get(scope: string, placeholder: string): Promise<string | undefined>;
}

export interface VaultOptions {
  hmacKey: Buffer;
  persistence: VaultPersistence;
  /** Most mappings held in memory, all scopes together; the least recently used go first. */
  maxEntries: number;
  ttlMs: number;
  now?: () => number;
  /** Tests inject a tiny hash space here to force collisions. */
  mint?: MintFn;
}

/** One mapping in memory. `persisted` is false until a `put` carrying its current expiry resolved. */
export interface VaultEntry {
  scope: string;
  placeholder: string;
  kind: string;
  value: string;
  expiresAt: number;
  persisted: boolean;
}

/** Collision retries before giving up; with 40-bit codes even 3 is astronomically unlikely. */
const MAX_ATTEMPTS = 1000;
const pKey = (scope: string, placeholder: string) => `${scope}\0${placeholder}`;
const vKey = (scope: string, kind: string, value: string) => `${scope}\0${kind}\0${value}`;

/**
 * Placeholder ↔ value mappings per scope: a bounded LRU with TTL in memory, durable copies through
 * the injected persistence. Minting and lookup are synchronous and memory-only; the only I/O is a
 * session's `flush` (new mappings) and `resolve`/`preload` (reading back what memory lost).
 */
export class Vault {
  readonly #key: Buffer;
  readonly #persistence: VaultPersistence;
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;
  readonly #mint: MintFn;
  /** Insertion order is recency order: touching re-inserts. */
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  readonly #byValue = new Map<string, VaultEntry>();

  constructor(opts: VaultOptions) {
    if (!(opts.maxEntries >= 1)) throw new RangeError('maxEntries must be at least 1');
    if (!(opts.ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    this.#key = opts.hmacKey;
    this.#persistence = opts.persistence;
    this.#max = opts.maxEntries;
    this.#ttl = opts.ttlMs;
    this.#now = opts.now ?? Date.now;
    this.#mint = opts.mint ?? mintPlaceholder;
  }

  get size(): number {
    return this.#byPlaceholder.size;
  }

  /** One request's view: collects the mappings it needs durable and flushes them in one `put`. */
  session(scope: string): VaultSession {
    return new VaultSession(this, scope);
  }

  /** The value a live placeholder stands for in `scope`; memory only. */
  lookup(scope: string, placeholder: string): string | undefined {
    const e = this.#byPlaceholder.get(pKey(scope, placeholder));
    if (e === undefined) return undefined;
    if (e.expiresAt <= this.#now()) {
      this.#remove(e);
      return undefined;
    }
    this.#touch(e);
    return e.value;
  }

  /** Read placeholders missing from memory back from persistence, so `lookup` finds them. */
  async resolve(scope: string, placeholders: Iterable<string>): Promise<void> {
    const missing = [...new Set(placeholders)].filter((p) => isPlaceholder(p) && this.lookup(scope, p) === undefined);
    const values = await Promise.all(missing.map((p) => this.#persistence.get(scope, p)));
    missing.forEach((p, i) => {
      const value = values[i];
      if (value !== undefined) this.#adopt(scope, p, value);
    });
  }

  /**
   * Optional, before redacting: read back the attempt-0 placeholders of values memory does not hold,
   * so a value whose code collided before an eviction or restart keeps its placeholder, and a new
   * value never takes a code a forgotten mapping still holds. One `get` per unknown value.
   */
  async preload(scope: string, items: readonly { kind: string; value: string }[]): Promise<void> {
    const now = this.#now();
    await Promise.all(
      items.map(async ({ kind: rawKind, value }) => {
        const kind = normalizeKind(rawKind);
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const known = this.#byValue.get(vKey(scope, kind, value));
          if (known !== undefined && known.expiresAt > now) return;
          const p = this.#mint(this.#key, scope, kind, value, attempt);
          const live = this.#byPlaceholder.get(pKey(scope, p));
          const held = live !== undefined && live.expiresAt > now ? live.value : await this.#persistence.get(scope, p);
          if (held === undefined) return;
          this.#adopt(scope, p, held);
          if (held === value) return;
        }
      }),
    );
  }

  /** @internal The entry for (scope, kind, value): existing and live, or freshly minted. */
  acquire(scope: string, rawKind: string, value: string): VaultEntry {
    const kind = normalizeKind(rawKind);
    const now = this.#now();
    const known = this.#byValue.get(vKey(scope, kind, value));
    if (known !== undefined) {
      if (known.expiresAt > now) {
        this.#touch(known);
        // Sliding TTL: a mapping in use is re-persisted (once per half TTL) so its stored copy lives on.
        if (known.expiresAt - now < this.#ttl / 2) {
          known.expiresAt = now + this.#ttl;
          known.persisted = false;
        }
        return known;
      }
      this.#remove(known);
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const placeholder = this.#mint(this.#key, scope, kind, value, attempt);
      const holder = this.#byPlaceholder.get(pKey(scope, placeholder));
      if (holder !== undefined && holder.expiresAt > now) {
        if (holder.value !== value) continue; // taken by a different value: next attempt
        this.#remove(holder);
        this.#insert(holder);
        return holder;
      }
      if (holder !== undefined) this.#remove(holder);
      const entry: VaultEntry = { scope, placeholder, kind, value, expiresAt: now + this.#ttl, persisted: false };
      this.#insert(entry);
      return entry;
    }
    throw new Error(`no free placeholder for kind ${kind} after ${MAX_ATTEMPTS} attempts`);
  }

  /** @internal Store the entries' current state; on success mark those not changed meanwhile. */
  async persist(entries: readonly VaultEntry[]): Promise<void> {
    const rows = entries.map((e) => ({
      scope: e.scope,
      placeholder: e.placeholder,
      value: e.value,
      kind: e.kind,
      expiresAt: e.expiresAt,
    }));
    await this.#persistence.put(rows);
    entries.forEach((e, i) => {
      if (e.expiresAt === rows[i]!.expiresAt) e.persisted = true;
    });
  }

  /** A mapping read back from persistence: durable already, so it needs no `put`. */
  #adopt(scope: string, placeholder: string, value: string): void {
    const existing = this.#byPlaceholder.get(pKey(scope, placeholder));
    if (existing !== undefined) this.#remove(existing);
    const kind = placeholderKind(placeholder);
    const entry: VaultEntry = { scope, placeholder, kind, value, expiresAt: this.#now() + this.#ttl, persisted: true };
    this.#insert(entry);
  }

  #insert(e: VaultEntry): void {
    this.#byPlaceholder.set(pKey(e.scope, e.placeholder), e);
    const vk = vKey(e.scope, e.kind, e.value);
    const prior = this.#byValue.get(vk);
    // A value read back under a second placeholder keeps minting the one memory already uses.
    if (prior === undefined || prior.expiresAt <= this.#now()) this.#byValue.set(vk, e);
    while (this.#byPlaceholder.size > this.#max) {
      const oldest = this.#byPlaceholder.values().next().value as VaultEntry;
      this.#remove(oldest);
    }
  }

  #touch(e: VaultEntry): void {
    const k = pKey(e.scope, e.placeholder);
    this.#byPlaceholder.delete(k);
    this.#byPlaceholder.set(k, e);
  }

  #remove(e: VaultEntry): void {
    const k = pKey(e.scope, e.placeholder);
    if (this.#byPlaceholder.get(k) === e) this.#byPlaceholder.delete(k);
    const vk = vKey(e.scope, e.kind, e.value);
    if (this.#byValue.get(vk) === e) this.#byValue.delete(vk);
  }
}
