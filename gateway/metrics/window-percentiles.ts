import type { WindowSummary } from './series-schema.js';

/**
 * Percentiles per request over a whole window (1 or 15 minutes), for the dashboard's tiles. The
 * per-second columns hold one median per second; a median of those medians lets a quiet second with
 * one slow request weigh as much as a busy one with hundreds, which is how a tile once said 3 s while
 * nearly every request took 200 ms. So the last exchanges are kept as samples and sorted on read.
 */

/** 15 minutes at ~70 requests a second; beyond that the window is its most recent exchanges. */
const CAPACITY = 65_536;

export interface LatencySample {
  totalMs: number;
  overheadMs: number;
  waitMs: number;
}

/** Nearest rank: the value at rank ⌈q·n⌉ of the sorted samples (the same rule as LogHistogram). */
const rank = (sorted: Float64Array, q: number): number => (sorted.length === 0 ? 0 : sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!);

export class RecentLatencies {
  readonly #now: () => number;
  readonly #at = new Float64Array(CAPACITY);
  readonly #total = new Float64Array(CAPACITY);
  readonly #overhead = new Float64Array(CAPACITY);
  readonly #wait = new Float64Array(CAPACITY);
  #next = 0;
  #size = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  record(s: LatencySample): void {
    const i = this.#next;
    this.#at[i] = this.#now();
    this.#total[i] = s.totalMs;
    this.#overhead[i] = s.overheadMs;
    this.#wait[i] = s.waitMs;
    this.#next = (i + 1) % CAPACITY;
    if (this.#size < CAPACITY) this.#size++;
  }

  /** Exchanges finished in the last `windowSec` seconds. */
  summary(windowSec: number): WindowSummary {
    const since = this.#now() - windowSec * 1000;
    const total: number[] = [];
    const overhead: number[] = [];
    const wait: number[] = [];
    for (let k = 0; k < this.#size; k++) {
      const i = (this.#next - 1 - k + CAPACITY) % CAPACITY;
      if (this.#at[i]! < since) break;
      total.push(this.#total[i]!);
      overhead.push(this.#overhead[i]!);
      if (this.#wait[i]! > 0) wait.push(this.#wait[i]!);
    }
    const sorted = (xs: number[]) => Float64Array.from(xs).sort();
    const t = sorted(total);
    return {
      requests: t.length,
      p50Ms: rank(t, 0.5),
      p99Ms: rank(t, 0.99),
      overheadP50Ms: rank(sorted(overhead), 0.5),
      held: wait.length,
      waitP50Ms: rank(sorted(wait), 0.5),
    };
  }
}
