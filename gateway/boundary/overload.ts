import { GatewayError } from '../errors.js';

export interface OverloadLimits {
  /** Proxied exchanges in flight past which new ones are refused; 0: none of its own. */
  maxInFlight: number;
  /** Event-loop delay past which new exchanges are refused; 0: off. */
  maxEventLoopDelayMs: number;
}

/** How often the delay probe samples while requests are in flight (it never runs when idle). */
const PROBE_MS = 20;
/** A late sample keeps refusing this long, so one quick sample amid a backlog does not reopen the gate. */
const HOLD_MS = 200;
/** A refused client may come back after this many seconds (`Retry-After`). */
const RETRY_AFTER_S = 1;

/**
 * Admission at the edge (issue 16): when the gateway is CPU-bound, a queue of accepted requests
 * turns into seconds of latency for all of them. Past the configured in-flight count, or while the
 * event loop runs later than the configured delay, a new exchange is refused at once with 503
 * `GW_ERR_OVERLOADED` and `Retry-After`, before its body is read, so those admitted keep a bounded
 * tail. The delay probe is a timer that runs only while exchanges are in flight.
 */
export class OverloadGuard {
  readonly #limits: OverloadLimits;
  readonly #inFlight: () => number;
  /** The last sample past the limit, and until when it refuses. */
  #lateMs = 0;
  #behindUntil = 0;
  #probe: NodeJS.Timeout | undefined;
  #due = 0;
  #shed = 0;

  constructor(limits: OverloadLimits, inFlight: () => number) {
    this.#limits = limits;
    this.#inFlight = inFlight;
  }

  /** Requests refused so far. */
  get shed(): number {
    return this.#shed;
  }

  /** The error to answer a new exchange with, or undefined to admit it. */
  check(): GatewayError | undefined {
    const { maxInFlight, maxEventLoopDelayMs } = this.#limits;
    if (maxInFlight > 0 && this.#inFlight() >= maxInFlight) return this.#refuse(`${maxInFlight} requests in flight`);
    if (maxEventLoopDelayMs === 0) return undefined;
    this.#startProbe();
    if (this.#behindUntil > performance.now()) return this.#refuse(`event loop ${Math.round(this.#lateMs)} ms behind`);
    return undefined;
  }

  stop(): void {
    clearTimeout(this.#probe);
    this.#probe = undefined;
  }

  #refuse(detail: string): GatewayError {
    this.#shed++;
    return new GatewayError('GW_ERR_OVERLOADED', detail, { retryAfter: RETRY_AFTER_S, exposeDetail: true });
  }

  #startProbe(): void {
    if (this.#probe !== undefined) return;
    this.#due = performance.now() + PROBE_MS;
    this.#probe = setTimeout(this.#sample, PROBE_MS);
    this.#probe.unref();
  }

  readonly #sample = (): void => {
    const now = performance.now();
    const late = now - this.#due;
    if (late > this.#limits.maxEventLoopDelayMs) {
      this.#lateMs = late;
      this.#behindUntil = now + HOLD_MS;
    }
    this.#probe = undefined;
    // Idle means idle: the probe stops with the last exchange, and its reading with it.
    if (this.#inFlight() === 0) this.#behindUntil = 0;
    else this.#startProbe();
  };
}
