/**
 * A fixed-size histogram with logarithmic buckets, for per-second percentiles. Recording is O(1)
 * (one log2) and the memory is fixed whatever the request rate, unlike keeping or sorting samples;
 * a quantile is off by at most half a bucket: 2^(1/(2·perOctave)) − 1 relative (≈ 2.2 % at 16).
 * Hand-written because prom-client's histograms have fixed, coarse buckets and no quantile read-out.
 */
export interface LogHistogramOptions {
  /** Smallest resolved value; anything at or below it shares the first bucket. */
  lowest: number;
  /** Values above it share an overflow bucket, reported as the observed maximum. */
  highest: number;
  /** Buckets per doubling. */
  perOctave: number;
}

export class LogHistogram {
  readonly #counts: Uint32Array;
  readonly #lowest: number;
  readonly #perOctave: number;
  #n = 0;
  #min = Infinity;
  #max = -Infinity;
  /** Touched bucket range, so a reset clears only what was used. */
  #lo = Infinity;
  #hi = -1;

  constructor({ lowest, highest, perOctave }: LogHistogramOptions) {
    this.#lowest = lowest;
    this.#perOctave = perOctave;
    this.#counts = new Uint32Array(Math.ceil(Math.log2(highest / lowest) * perOctave) + 1);
  }

  get count(): number {
    return this.#n;
  }

  /** Relative error bound of quantile(): half a bucket's width. */
  get relativeError(): number {
    return 2 ** (1 / (2 * this.#perOctave)) - 1;
  }

  record(value: number): void {
    const last = this.#counts.length - 1;
    let i = value > this.#lowest ? Math.floor(Math.log2(value / this.#lowest) * this.#perOctave) : 0;
    if (i > last) i = last;
    this.#counts[i]++;
    this.#n++;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    if (i < this.#lo) this.#lo = i;
    if (i > this.#hi) this.#hi = i;
  }

  /**
   * Nearest-rank quantile (the value at rank ⌈q·n⌉ in sorted order), estimated as its bucket's
   * geometric middle and clamped to the observed min/max (the overflow bucket answers the max).
   * 0 when empty.
   */
  quantile(q: number): number {
    if (this.#n === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.#n));
    let seen = 0;
    let i = this.#lo;
    for (; i < this.#hi; i++) {
      seen += this.#counts[i];
      if (seen >= rank) break;
    }
    if (i === this.#counts.length - 1) return this.#max;
    const mid = this.#lowest * 2 ** ((i + 0.5) / this.#perOctave);
    return Math.min(this.#max, Math.max(this.#min, mid));
  }

  reset(): void {
    if (this.#n === 0) return;
    this.#counts.fill(0, this.#lo, this.#hi + 1);
    this.#n = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
    this.#lo = Infinity;
    this.#hi = -1;
  }
}
