/** Longest stretch of per-finding work between two turns of the event loop. */
export const SLICE_MS = 4;

/**
 * Slices that yielded and wait to go on, first come first served: one of them resumes per turn of
 * the event loop. Had each job yielded with its own setImmediate, one turn would run a slice of every
 * job waiting (Node runs all immediates queued before its check phase), and four 1 MB requests
 * restored at once held timers and sockets for four slices each turn instead of one.
 */
const waiting: (() => void)[] = [];
let pumping = false;

function resumeNext(): void {
  const next = waiting.shift()!;
  // Queued from inside the check phase, the next one runs on the following turn, not this one.
  if (waiting.length > 0) setImmediate(resumeNext);
  else pumping = false;
  next();
}

/** Resolves on a later turn of the event loop, when this slice's turn in the queue comes. */
export function nextSliceTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (pumping) return;
    pumping = true;
    setImmediate(resumeNext);
  });
}

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
    await nextSliceTurn();
    this.#since = performance.now();
  }

  /** Yields only when the current slice has run its time. */
  async maybeYield(): Promise<void> {
    if (this.due()) await this.yield();
  }
}
