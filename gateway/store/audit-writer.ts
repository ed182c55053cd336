import type { AuditEvent } from '../shared/audit-event.js';
import { FifoQueue } from './fifo.js';

/** Persists one batch atomically: if it throws, none of the batch was stored. */
export interface AuditSink {
  writeBatch(events: readonly AuditEvent[]): void | Promise<void>;
}

export interface AuditWriterOptions {
  /** Events held in memory (queued plus being written) before enqueue refuses. */
  capacity?: number;
  /** Longest an accepted event waits before its batch is written. */
  flushIntervalMs?: number;
  /** Queue length that triggers a write without waiting for the interval. */
  flushEvery?: number;
  /** Most events in one transaction, so one write never holds the event loop for long. */
  maxBatch?: number;
  /** Wait before retrying after the sink failed (disk full, locked database). */
  retryDelayMs?: number;
  /** While batches keep failing, the shortest gap between two reports of it through `onError`. */
  failureReportMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * What `onError` gets when a batch cannot be stored (disk full, read-only file). Reported on the
 * first failure and then at most once per `failureReportMs`, with how many were not reported since.
 */
export class AuditBatchError extends Error {
  readonly consecutive: number;
  readonly unreported: number;
  constructor(events: number, consecutive: number, unreported: number, cause: unknown) {
    super(`an audit batch of ${events} event(s) could not be stored; ${consecutive} failure(s) in a row, ${unreported} not reported since the last line; retrying`, { cause });
    this.name = 'AuditBatchError';
    this.consecutive = consecutive;
    this.unreported = unreported;
  }
}

export type FlushedListener = (ids: readonly string[]) => void;

/**
 * A bounded in-memory queue in front of the audit table. Requests only ever push; writes happen on a
 * timer or an immediate, never on the enqueuing call's stack. When the queue is full, enqueue says no
 * (the caller answers 503 GW_ERR_AUDIT_BACKPRESSURE), and nothing already accepted is ever dropped:
 * a failed batch goes back to the front of the queue and is retried.
 */
export class AuditWriter {
  readonly #sink: AuditSink;
  readonly #capacity: number;
  readonly #flushIntervalMs: number;
  readonly #flushEvery: number;
  readonly #maxBatch: number;
  readonly #retryDelayMs: number;
  readonly #onError: (err: unknown) => void;
  readonly #failureReportMs: number;
  #failing = 0;
  #unreported = 0;
  #lastReport = Number.NEGATIVE_INFINITY;
  readonly #listeners = new Set<FlushedListener>();
  readonly #queue = new FifoQueue<AuditEvent>();
  #inFlight = 0;
  #running: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #closed = false;
  #flushedTotal = 0;
  #batches = 0;

  constructor(sink: AuditSink, options: AuditWriterOptions = {}) {
    this.#sink = sink;
    this.#capacity = options.capacity ?? 10_000;
    // Each batch costs a commit with an fsync; at a few hundred requests a second 50 ms batches made
    // the store a third of the gateway's CPU (issue 16, docs/benchmarks.md).
    this.#flushIntervalMs = options.flushIntervalMs ?? 250;
    this.#flushEvery = options.flushEvery ?? 512;
    this.#maxBatch = Math.max(1, options.maxBatch ?? 512);
    this.#retryDelayMs = options.retryDelayMs ?? 200;
    this.#onError = options.onError ?? (() => undefined);
    this.#failureReportMs = options.failureReportMs ?? 10_000;
  }

  /** Batch writes that failed in a row, 0 once one succeeds: the store is failing while above 0. */
  get failing(): number {
    return this.#failing;
  }

  /** Accepts the event, or returns false when the queue is full or the writer closed. */
  enqueue(event: AuditEvent): boolean {
    if (!this.hasCapacity()) return false;
    this.#queue.push(event);
    if (this.#queue.length >= this.#flushEvery) this.#scheduleSoon();
    else this.#scheduleTimer(this.#flushIntervalMs);
    return true;
  }

  hasCapacity(): boolean {
    return !this.#closed && this.depth < this.#capacity;
  }

  /** Events accepted but not yet durable. */
  get depth(): number {
    return this.#queue.length + this.#inFlight;
  }

  get capacity(): number {
    return this.#capacity;
  }

  get stats(): { depth: number; flushed: number; batches: number } {
    return { depth: this.depth, flushed: this.#flushedTotal, batches: this.#batches };
  }

  /** Called with the ids of each committed batch: those events are durable. Returns the unsubscribe. */
  onFlushed(listener: FlushedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Writes everything accepted so far; rejects if the sink fails (the events stay queued). */
  async flush(): Promise<void> {
    this.#cancelSchedule();
    try {
      while (this.#queue.length > 0 || this.#running) {
        await this.#writeOne();
        // Yield to I/O between batches so a large drain does not starve streams.
        if (this.#queue.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (err) {
      if (!this.#closed) this.#scheduleTimer(this.#retryDelayMs);
      throw err;
    }
  }

  /** Refuses new events, then drains the queue. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  #scheduleSoon(): void {
    if (this.#immediate) return;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined;
      this.#background();
    });
  }

  #scheduleTimer(delayMs: number): void {
    if (this.#timer || this.#immediate) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#background();
    }, delayMs);
  }

  #cancelSchedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
  }

  #background(): void {
    this.#writeOne().then(
      () => {
        if (this.#queue.length >= this.#flushEvery) this.#scheduleSoon();
        else if (this.#queue.length > 0) this.#scheduleTimer(this.#flushIntervalMs);
      },
      () => this.#scheduleTimer(this.#retryDelayMs),
    );
  }

  /** Writes one batch; concurrent callers share the write in progress. */
  #writeOne(): Promise<void> {
    this.#running ??= this.#write().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #write(): Promise<void> {
    if (this.#queue.length === 0) return;
    const batch = this.#queue.takeFront(this.#maxBatch);
    this.#inFlight = batch.length;
    try {
      await this.#sink.writeBatch(batch);
    } catch (err) {
      this.#queue.putBackFront(batch);
      this.#failed(batch.length, err);
      throw err;
    } finally {
      this.#inFlight = 0;
    }
    this.#failing = 0;
    this.#flushedTotal += batch.length;
    this.#batches++;
    this.#notify(batch);
  }

  /** Retries come every retryDelayMs: report the first failure, then one line per failureReportMs. */
  #failed(events: number, err: unknown): void {
    this.#failing++;
    const now = performance.now();
    if (this.#failing > 1 && now - this.#lastReport < this.#failureReportMs) {
      this.#unreported++;
      return;
    }
    this.#lastReport = now;
    const unreported = this.#unreported;
    this.#unreported = 0;
    this.#onError(new AuditBatchError(events, this.#failing, unreported, err));
  }

  #notify(batch: readonly AuditEvent[]): void {
    if (this.#listeners.size === 0) return;
    const ids = batch.map((e) => e.id);
    for (const listener of this.#listeners) {
      try {
        listener(ids);
      } catch (err) {
        this.#onError(err);
      }
    }
  }
}
