/**
 * A token bucket that takes its capacity and refill rate on every call, so a live config change
 * applies to the next request without rebuilding any state. Time is the caller's monotonic clock
 * in milliseconds. Hand-written: it is a dozen lines, and the npm limiters either run their own
 * timers or hide the refill arithmetic that Retry-After and lossless idle eviction need.
 */
/** Refills are sums of float products: 0.1525 + 0.8475 may come out a hair under 1. */
const TOKEN_EPSILON = 1e-9;

export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(capacity: number, now: number) {
    this.#tokens = capacity;
    this.#at = now;
  }

  #refill(now: number, capacity: number, perMs: number): void {
    const elapsed = now - this.#at;
    // A clock that steps back (or a shrunk capacity) never adds tokens.
    if (elapsed > 0) {
      this.#tokens = Math.min(capacity, this.#tokens + elapsed * perMs);
      this.#at = now;
    } else if (this.#tokens > capacity) {
      this.#tokens = capacity;
    }
  }

  /** Takes one token: 0 when taken, else the milliseconds until one is available (nothing taken). */
  take(now: number, capacity: number, perMs: number): number {
    this.#refill(now, capacity, perMs);
    // Within float rounding of a whole token counts as one, so the wait this returns is always enough.
    if (this.#tokens >= 1 - TOKEN_EPSILON) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.#tokens) / perMs));
  }

  /** Gives back a token taken for work that turned out not to count. */
  refund(capacity: number): void {
    this.#tokens = Math.min(capacity, this.#tokens + 1);
  }

  /** A full bucket behaves exactly like a fresh one, so forgetting it loses nothing. */
  isFull(now: number, capacity: number, perMs: number): boolean {
    this.#refill(now, capacity, perMs);
    return this.#tokens >= capacity;
  }

  /** Tokens available at `now` (for tests and diagnostics). */
  available(now: number, capacity: number, perMs: number): number {
    this.#refill(now, capacity, perMs);
    return this.#tokens;
  }
}

/** Whole seconds to put in Retry-After for a wait in milliseconds (at least 1). */
export const retryAfterSeconds = (waitMs: number): number => Math.max(1, Math.ceil(waitMs / 1000));

export const perMinute = (n: number): number => n / 60_000;
