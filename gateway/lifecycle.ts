import { setTimeout as sleep } from 'node:timers/promises';

/**
 * In-flight accounting and the draining switch for graceful shutdown: once draining, new requests
 * are refused (503) while those already running get a grace period to finish.
 */
export class Lifecycle {
  #inFlight = 0;
  #draining = false;
  #idle: (() => void) | undefined;

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  enter(): void {
    this.#inFlight++;
  }

  leave(): void {
    if (--this.#inFlight === 0) this.#idle?.();
  }

  /** Stops admitting requests and waits until in-flight ones finish or the grace period ends. */
  async drain(graceMs: number): Promise<{ finished: boolean; remaining: number }> {
    this.#draining = true;
    if (this.#inFlight > 0) {
      const ac = new AbortController();
      const idle = new Promise<void>((resolve) => (this.#idle = resolve));
      await Promise.race([idle, sleep(graceMs, undefined, { signal: ac.signal }).catch(() => undefined)]);
      ac.abort();
      this.#idle = undefined;
    }
    return { finished: this.#inFlight === 0, remaining: this.#inFlight };
  }
}
