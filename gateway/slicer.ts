import { setImmediate as nextTurn } from 'node:timers/promises';

/** Longest stretch of per-finding work between two turns of the event loop. */
export const SLICE_MS = 4;

/**
 * Cuts long synchronous work into slices: `due()` is cheap enough to ask every few hundred items,
 * and `yield()` lets timers, sockets and other requests run before the next slice. Time-based, so
 * small requests never pay for a turn they do not need.
 */
export class Slicer {
  #since = performance.now();

  due(): boolean {
    return performance.now() - this.#since >= SLICE_MS;
  }

  async yield(): Promise<void> {
    await nextTurn();
    this.#since = performance.now();
  }

  /** Yields only when the current slice has run its time. */
  async maybeYield(): Promise<void> {
    if (this.due()) await this.yield();
  }
}
