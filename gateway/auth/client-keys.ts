import { createHash } from 'node:crypto';
import { GatewayError } from '../errors.js';
import type { ClientKeyRecord, ClientKeysRepo } from '../store/types.js';
import { FailedAuthBudgets, type FailedAuthLimits } from './failed-auth.js';

interface Known {
  record: ClientKeyRecord;
  /** When the store last confirmed the key is live. */
  checkedAt: number;
  usedAt: number;
}

export interface ClientKeyVerifierOptions {
  /** How long a verified key is trusted before the store is asked again (revocation without an event). */
  ttlMs?: number;
  /** Known keys unused for this long are forgotten. */
  idleMs?: number;
}

const digest = (key: string): string => createHash('sha256').update(key, 'utf8').digest('base64');

/**
 * Verifies presented gateway client keys. Keys the store confirmed are remembered by their hash, so
 * the common case is one SHA-256 and a map lookup; after `ttlMs` the store is asked again.
 * A key not seen before costs a store lookup, so it first takes a token from the failed-
 * authentication budgets of its source (key prefix, client app) and the global one (given back
 * when the key turns out good). When one is empty, that source's unknown keys get 429 without
 * touching the store, while remembered keys and other sources' keys keep working: a flood of bad
 * keys cannot starve good ones.
 */
export class ClientKeyVerifier {
  readonly #repo: ClientKeysRepo;
  readonly #ttlMs: number;
  readonly #idleMs: number;
  readonly #known = new Map<string, Known>();
  readonly #failed = new FailedAuthBudgets();
  /** Bumped by revoke(), so a lookup that raced a revocation does not remember its stale answer. */
  #epoch = 0;
  #nextSweepAt = 0;

  constructor(repo: ClientKeysRepo, options: ClientKeyVerifierOptions = {}) {
    this.#repo = repo;
    this.#ttlMs = options.ttlMs ?? 5_000;
    this.#idleMs = options.idleMs ?? 600_000;
  }

  /**
   * The live record of `key`: synchronously when it was confirmed within the TTL, else a promise.
   * Throws (or rejects) GW_ERR_AUTH_INVALID_KEY or GW_ERR_AUTH_THROTTLED.
   */
  verify(key: string, failedPerMinute: number, now: number, source: { app?: string; globalPerMinute?: number } = {}): ClientKeyRecord | Promise<ClientKeyRecord> {
    const hash = digest(key);
    const known = this.#known.get(hash);
    if (known !== undefined) {
      known.usedAt = now;
      if (now - known.checkedAt < this.#ttlMs) return known.record;
      return this.#recheck(hash, key, known, now);
    }
    const limits: FailedAuthLimits = { perSource: failedPerMinute, global: source.globalPerMinute ?? failedPerMinute * 100 };
    const refund = this.#failed.take(key, source.app ?? '', limits, now);
    return this.#lookup(hash, key, refund, now);
  }

  /** Forgets every remembered key with this id (the admin API revoked it, or changed its preset). */
  revoke(id: string): void {
    this.#epoch++;
    for (const [hash, known] of this.#known) if (known.record.id === id) this.#known.delete(hash);
  }

  /** Forgets every remembered key. */
  clear(): void {
    this.#epoch++;
    this.#known.clear();
  }

  get size(): number {
    return this.#known.size;
  }

  async #lookup(hash: string, key: string, refund: () => void, now: number): Promise<ClientKeyRecord> {
    const epoch = this.#epoch;
    const record = await this.#repo.verify(key);
    if (record === undefined) throw new GatewayError('GW_ERR_AUTH_INVALID_KEY');
    refund();
    if (epoch === this.#epoch) this.#remember(hash, record, now);
    return record;
  }

  /** A key we knew: asking the store again is not a failed-auth risk, so no budget is taken. */
  async #recheck(hash: string, key: string, known: Known, now: number): Promise<ClientKeyRecord> {
    const epoch = this.#epoch;
    const record = await this.#repo.verify(key);
    if (record === undefined) {
      this.#known.delete(hash);
      throw new GatewayError('GW_ERR_AUTH_INVALID_KEY');
    }
    if (epoch === this.#epoch && this.#known.get(hash) === known) {
      known.record = record;
      known.checkedAt = now;
    }
    return record;
  }

  #remember(hash: string, record: ClientKeyRecord, now: number): void {
    if (now >= this.#nextSweepAt) {
      for (const [h, k] of this.#known) if (now - k.usedAt > this.#idleMs) this.#known.delete(h);
      this.#nextSweepAt = now + this.#idleMs;
    }
    this.#known.set(hash, { record, checkedAt: now, usedAt: now });
  }
}
