import { GatewayError } from '../errors.js';
import { perMinute, retryAfterSeconds, TokenBucket } from './token-bucket.js';

/** Characters of a presented key that name its source: `agk_` and the first 8 random ones. */
const PREFIX_CHARS = 12;
/** Full buckets behave like fresh ones, so they are forgotten this often. */
const SWEEP_MS = 60_000;

export interface FailedAuthLimits {
  /** Failures per minute per source (presented-key prefix, client app). */
  perSource: number;
  /** Failures per minute gateway-wide, a ceiling far above any one source. */
  global: number;
}

/** One bucket per name, forgetting full ones (a full bucket is the same as a missing one). */
class BucketTable {
  readonly #buckets = new Map<string, TokenBucket>();
  #nextSweepAt = 0;

  take(name: string, capacity: number, now: number): number {
    if (now >= this.#nextSweepAt) {
      for (const [n, b] of this.#buckets) if (b.isFull(now, capacity, perMinute(capacity))) this.#buckets.delete(n);
      this.#nextSweepAt = now + SWEEP_MS;
    }
    let bucket = this.#buckets.get(name);
    if (bucket === undefined) this.#buckets.set(name, (bucket = new TokenBucket(capacity, now)));
    return bucket.take(now, capacity, perMinute(capacity));
  }

  refund(name: string, capacity: number): void {
    this.#buckets.get(name)?.refund(capacity);
  }
}

/**
 * The failed-authentication budgets. A key not seen before takes a token from its source's buckets
 * (its prefix and its client app) and from the global one before the store is asked, and gives them
 * back when it turns out good, so concurrent floods stay bounded. A source that keeps failing is
 * throttled alone: a valid key presented by another app works however many bad keys arrive, up to
 * the global ceiling, which only a flood from many sources at once can reach.
 */
export class FailedAuthBudgets {
  readonly #byPrefix = new BucketTable();
  readonly #byApp = new BucketTable();
  readonly #global = new BucketTable();

  /** Takes the attempt's tokens, or throws GW_ERR_AUTH_THROTTLED (taking nothing). Returns the refund. */
  take(key: string, app: string, limits: FailedAuthLimits, now: number): () => void {
    const prefix = key.slice(0, PREFIX_CHARS);
    const taken: Array<() => void> = [];
    const steps: Array<[BucketTable, string, number]> = [
      [this.#byPrefix, prefix, limits.perSource],
      [this.#byApp, app, limits.perSource],
      [this.#global, '', limits.global],
    ];
    for (const [table, name, capacity] of steps) {
      const waitMs = table.take(name, capacity, now);
      if (waitMs > 0) {
        for (const undo of taken) undo();
        throw new GatewayError('GW_ERR_AUTH_THROTTLED', undefined, { retryAfter: retryAfterSeconds(waitMs) });
      }
      taken.push(() => table.refund(name, capacity));
    }
    return () => {
      for (const undo of taken) undo();
    };
  }
}
