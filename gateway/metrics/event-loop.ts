import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

const NS_PER_SEC = 1e9;

/**
 * Event-loop delay since the previous scrape: p50, p99 and max (quantile "1") in seconds, beyond
 * the sampling interval. The
 * histogram is reset after each scrape so a stall shows up in the next one and then ages out.
 * Hand-rolled rather than collectDefaultMetrics: that starts a monitor and a GC observer per call
 * that can never be stopped, and the gateway is built many times in one process (tests, restarts).
 */
export class EventLoopDelay {
  readonly #histogram: IntervalHistogram;

  constructor(registry: Registry, resolutionMs = 10) {
    const h = (this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs }));
    // Node records the whole interval between samples, so an idle loop reads the resolution
    // itself; what a request waits for is the part beyond it.
    const beyond = (ns: number) => Math.max(0, ns - resolutionMs * 1e6) / NS_PER_SEC;
    new Gauge({
      name: 'aegisgate_event_loop_delay_seconds',
      help: 'Event-loop delay since the previous scrape, by quantile (1 = max).',
      labelNames: ['quantile'],
      registers: [registry],
      collect() {
        const empty = h.count === 0;
        this.set({ quantile: '0.5' }, empty ? 0 : beyond(h.percentile(50)));
        this.set({ quantile: '0.99' }, empty ? 0 : beyond(h.percentile(99)));
        this.set({ quantile: '1' }, empty ? 0 : beyond(h.max));
        h.reset();
      },
    });
  }

  /** Samples only while on: an idle gateway keeps no 100 Hz timer (its loop has no delay to report). */
  sample(on: boolean): void {
    if (on) this.#histogram.enable();
    else this.#histogram.disable();
  }

  stop(): void {
    this.#histogram.disable();
  }
}
