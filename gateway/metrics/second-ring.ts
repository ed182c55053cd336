import { LogHistogram } from './log-histogram.js';
import { SECOND_FIELDS, type MetricsSecond, type MetricsSeries, type SecondField } from './series-schema.js';

/** The longest window, in complete seconds: the dashboard's 15 minutes. */
export const MAX_WINDOW_SEC = 900;
/** Slots: the complete seconds plus the one being filled. */
const SLOTS = MAX_WINDOW_SEC + 1;
const slotOf = (t: number) => ((t % SLOTS) + SLOTS) % SLOTS;

/** One finished exchange, as the window needs it. */
export interface ExchangeSample {
  totalMs: number;
  overheadMs: number;
  bytesIn: number;
  bytesOut: number;
  error: boolean;
  findings: number;
  blocked: boolean;
  /** The configured provider name (from the audit event, never from a request). */
  provider?: string;
}

/** Providers given a column of their own; later ones count under 'other' (the names come from config, so this is a guard). */
const PROVIDER_COLUMNS = 16;

// Latencies from 10 µs (gateway overhead) to an hour (long streams), 16 buckets per doubling (±2.2 %).
const LATENCY = { lowest: 0.01, highest: 3_600_000, perOctave: 16 };

/**
 * Per-second totals for the last 15 minutes, as fixed columns indexed by second modulo the size.
 * Exchanges count in the second they finish (by the injected clock). Percentiles are computed once,
 * when a second closes, from two small histograms reused for every second, so recording stays O(1)
 * and the memory fixed at any request rate. Pure: no timers, no I/O.
 */
export class SecondRing {
  readonly #now: () => number;
  readonly #sec = new Float64Array(SLOTS).fill(-1);
  readonly #cols: Record<SecondField, Float64Array>;
  readonly #total = new LogHistogram(LATENCY);
  readonly #overhead = new LogHistogram(LATENCY);
  /** Exchanges per second by provider, one column per provider seen. */
  readonly #providers = new Map<string, Float64Array>();
  /** The second being filled; earlier ones are complete. */
  #current: number;

  /** `now` returns epoch milliseconds. */
  constructor(now: () => number) {
    this.#now = now;
    this.#cols = Object.fromEntries(SECOND_FIELDS.map((f) => [f, new Float64Array(SLOTS)])) as Record<SecondField, Float64Array>;
    this.#current = Math.floor(now() / 1000);
    this.#open(this.#current);
  }

  record(s: ExchangeSample): void {
    const i = this.#advance();
    const c = this.#cols;
    c.rps[i]++;
    if (s.error) c.errors[i]++;
    c.bytesIn[i] += s.bytesIn;
    c.bytesOut[i] += s.bytesOut;
    c.findings[i] += s.findings;
    if (s.blocked) c.blocks[i]++;
    if (s.provider !== undefined) this.#providerColumn(s.provider)[i]++;
    this.#total.record(s.totalMs);
    this.#overhead.record(s.overheadMs);
  }

  /** A gauge reading for the current second; the second keeps the highest. */
  samplePending(count: number): void {
    const i = this.#advance();
    if (count > this.#cols.pending[i]) this.#cols.pending[i] = count;
  }

  /** The last complete second. */
  last(): MetricsSecond {
    this.#advance();
    const t = this.#current - 1;
    const i = this.#slotOf(t);
    const point: MetricsSecond = { t, rps: 0, errors: 0, p50Ms: 0, p99Ms: 0, overheadP50Ms: 0, bytesIn: 0, bytesOut: 0, findings: 0, blocks: 0, pending: 0 };
    if (i >= 0) for (const f of SECOND_FIELDS) point[f] = this.#cols[f][i];
    if (i >= 0 && this.#providers.size > 0) {
      const providers: Record<string, number> = {};
      for (const [name, col] of this.#providers) if (col[i]! > 0) providers[name] = col[i]!;
      point.providers = providers;
    }
    return point;
  }

  #providerColumn(name: string): Float64Array {
    let col = this.#providers.get(name);
    if (col === undefined) {
      const key = this.#providers.size < PROVIDER_COLUMNS ? name : 'other';
      col = this.#providers.get(key) ?? new Float64Array(SLOTS);
      this.#providers.set(key, col);
    }
    return col;
  }

  /** The last `windowSec` complete seconds (rounded, 1…MAX_WINDOW_SEC), oldest first. */
  series(windowSec: number): MetricsSeries {
    this.#advance();
    const n = Math.min(MAX_WINDOW_SEC, Math.max(1, Math.round(windowSec) || 1));
    const from = this.#current - n;
    const out = { t: new Array<number>(n) } as MetricsSeries;
    for (const f of SECOND_FIELDS) out[f] = new Array<number>(n).fill(0);
    const providers = [...this.#providers].map(([name, col]) => [name, col, new Array<number>(n).fill(0)] as const);
    for (let k = 0; k < n; k++) {
      const t = from + k;
      out.t[k] = t;
      const i = this.#slotOf(t);
      if (i >= 0) for (const f of SECOND_FIELDS) out[f][k] = this.#cols[f][i];
      if (i >= 0) for (const [, col, values] of providers) values[k] = col[i]!;
    }
    if (providers.length > 0) out.providers = Object.fromEntries(providers.map(([name, , values]) => [name, values]));
    return out;
  }

  /** The slot holding second t, or -1 when t was never opened (before start, or overwritten). */
  #slotOf(t: number): number {
    const i = slotOf(t);
    return this.#sec[i] === t ? i : -1;
  }

  /** Moves to the clock's second (never backwards), closing and clearing what lies between; returns its slot. */
  #advance(): number {
    const now = Math.floor(this.#now() / 1000);
    if (now > this.#current) {
      this.#close(this.#current);
      // Seconds skipped without traffic are opened empty, at most one lap of the ring.
      for (let t = Math.max(this.#current + 1, now - SLOTS + 1); t <= now; t++) this.#open(t);
      this.#current = now;
    }
    return slotOf(this.#current);
  }

  #open(t: number): void {
    const i = slotOf(t);
    this.#sec[i] = t;
    for (const f of SECOND_FIELDS) this.#cols[f][i] = 0;
    for (const col of this.#providers.values()) col[i] = 0;
  }

  #close(t: number): void {
    const i = slotOf(t);
    const c = this.#cols;
    c.p50Ms[i] = this.#total.quantile(0.5);
    c.p99Ms[i] = this.#total.quantile(0.99);
    c.overheadP50Ms[i] = this.#overhead.quantile(0.5);
    this.#total.reset();
    this.#overhead.reset();
  }
}
