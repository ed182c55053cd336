import { GatewayError } from '../errors.js';
import { perMinute, retryAfterSeconds, TokenBucket } from './token-bucket.js';

/** The `rateLimit` section of the config, read per request so admin changes apply at once. */
export interface RateLimits {
  readonly requestsPerMinute: number;
  readonly burst: number;
  readonly concurrent: number;
}

/** One client's state: its request bucket and how many of its requests are in flight. */
export interface ClientSlot {
  readonly bucket: TokenBucket;
  inFlight: number;
}

const SWEEP_EVERY_MS = 60_000;
const MIN_SWEEP_SIZE = 1024;

/**
 * Per-client rate (token bucket) and concurrency limits. A client that is idle (nothing in flight,
 * bucket refilled) is indistinguishable from a new one, so sweeping it out is lossless; sweeps run
 * once a minute and whenever the table doubles, so memory stays bounded by recently active clients.
 */
export class ClientLimits {
  readonly #clients = new Map<string, ClientSlot>();
  #nextSweepAt: number;
  #nextSweepSize = MIN_SWEEP_SIZE;

  constructor(now: number) {
    this.#nextSweepAt = now + SWEEP_EVERY_MS;
  }

  /**
   * Admits one request of `client` and returns its slot, to be released when the request ends.
   * Throws GW_ERR_CONCURRENCY_LIMITED or GW_ERR_RATE_LIMITED (with Retry-After); a refused request
   * takes neither a token nor a slot.
   */
  acquire(client: string, limits: RateLimits, now: number): ClientSlot {
    if (now >= this.#nextSweepAt || this.#clients.size >= this.#nextSweepSize) this.sweep(limits, now);
    let slot = this.#clients.get(client);
    if (slot === undefined) {
      slot = { bucket: new TokenBucket(limits.burst, now), inFlight: 0 };
      this.#clients.set(client, slot);
    }
    if (slot.inFlight >= limits.concurrent) {
      throw new GatewayError('GW_ERR_CONCURRENCY_LIMITED', `limit is ${limits.concurrent}`, { retryAfter: 1 });
    }
    const waitMs = slot.bucket.take(now, limits.burst, perMinute(limits.requestsPerMinute));
    if (waitMs > 0) {
      throw new GatewayError('GW_ERR_RATE_LIMITED', `limit is ${limits.requestsPerMinute} per minute, burst ${limits.burst}`, {
        retryAfter: retryAfterSeconds(waitMs),
      });
    }
    slot.inFlight++;
    return slot;
  }

  release(slot: ClientSlot): void {
    slot.inFlight--;
  }

  /** Forgets idle clients; returns how many were dropped. */
  sweep(limits: RateLimits, now: number): number {
    const rate = perMinute(limits.requestsPerMinute);
    let dropped = 0;
    for (const [client, slot] of this.#clients) {
      if (slot.inFlight === 0 && slot.bucket.isFull(now, limits.burst, rate)) {
        this.#clients.delete(client);
        dropped++;
      }
    }
    this.#nextSweepAt = now + SWEEP_EVERY_MS;
    this.#nextSweepSize = Math.max(MIN_SWEEP_SIZE, 2 * this.#clients.size);
    return dropped;
  }

  get size(): number {
    return this.#clients.size;
  }
}
