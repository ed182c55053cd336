import { setTimeout as sleep } from 'node:timers/promises';

/**
 * In-flight accounting and the draining switch for graceful shutdown: once draining, new requests
 * are refused (503) while those already running get a grace period to finish.
 */
export class Lifecycle {
  #inFlight = 0;
  #draining = false;
  #idle: (() => void) | undefined;
  readonly #cuts = new Set<(reason: Error) => void>();
  readonly #onBusy = new Set<() => void>();

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** `cut` ends the exchange early (its stream gets a terminal error event) when the grace period runs out. */
  enter(cut?: (reason: Error) => void): void {
    if (this.#inFlight++ === 0) for (const fn of this.#onBusy) fn();
    if (cut) this.#cuts.add(cut);
  }

  /** `fn` runs whenever the first request starts after none were in flight (idle work resumes). */
  onBusy(fn: () => void): () => void {
    this.#onBusy.add(fn);
    return () => this.#onBusy.delete(fn);
  }

  leave(cut?: (reason: Error) => void): void {
    if (cut) this.#cuts.delete(cut);
    if (--this.#inFlight === 0) this.#idle?.();
  }

  /**
   * Cuts every exchange still in flight with `reason`, then waits (at most `flushMs`) for them to
   * write their ending, so clients get an error event naming the shutdown instead of a bare reset.
   */
  async cutAll(reason: Error, flushMs: number): Promise<void> {
    for (const cut of [...this.#cuts]) cut(reason);
    if (this.#inFlight === 0) return;
    const ac = new AbortController();
    const idle = new Promise<void>((resolve) => (this.#idle = resolve));
    await Promise.race([idle, sleep(flushMs, undefined, { signal: ac.signal }).catch(() => undefined)]);
    ac.abort();
    this.#idle = undefined;
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
