import { Registry } from 'prom-client';
import type { AuditEvent } from '../shared/audit-event.js';
import { EventLoopDelay } from './event-loop.js';
import { ExchangeMetrics, isBlock, isError } from './exchange-metrics.js';
import { SecondRing } from './second-ring.js';
import { RecentLatencies } from './window-percentiles.js';
import type { MetricsSecond, MetricsSeries, WindowSummary } from './series-schema.js';
import { registerStateGauges, type StateSources } from './state-gauges.js';

/**
 * Everything the gateway measures, in its own prom-client Registry (never the global one, so
 * several gateways in one process do not share series): per-exchange counters and histograms,
 * scrape-time gauges, and the 15-minute per-second window the dashboard charts.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #exchanges: ExchangeMetrics;
  readonly #ring: SecondRing;
  readonly #recent: RecentLatencies;
  readonly #loop: EventLoopDelay;
  readonly #pending: () => number;

  /** `now` returns epoch ms; it decides which second an exchange counts in. */
  constructor(sources: StateSources, now: () => number = Date.now) {
    this.#exchanges = new ExchangeMetrics(this.registry);
    registerStateGauges(this.registry, sources);
    this.#loop = new EventLoopDelay(this.registry);
    this.#ring = new SecondRing(now);
    this.#recent = new RecentLatencies(now);
    this.#pending = sources.pending;
  }

  /** The bus listener for `audit`: a few increments and observations per exchange, nothing more. */
  readonly onAudit = (e: AuditEvent): void => {
    this.#exchanges.observe(e);
    let findings = 0;
    for (const category in e.findings) findings += e.findings[category]!;
    this.#ring.record({
      totalMs: e.durations.totalMs,
      overheadMs: e.durations.overheadMs,
      bytesIn: e.bytes.in,
      bytesOut: e.bytes.out,
      error: isError(e),
      findings,
      blocked: isBlock(e),
      provider: e.provider,
    });
    this.#recent.record({ totalMs: e.durations.totalMs, overheadMs: e.durations.overheadMs, waitMs: e.durations.waitMs ?? 0 });
  };

  /** Per-request percentiles over the last `windowSec` seconds. */
  summary(windowSec: number): WindowSummary {
    return this.#recent.summary(windowSec);
  }

  /** Samples the pending count into the current second and returns the last complete one (the 1 Hz tick). */
  tick(): MetricsSecond {
    this.#ring.samplePending(this.#pending());
    return this.#ring.last();
  }

  series(windowSec: number): MetricsSeries {
    return this.#ring.series(windowSec);
  }

  last(): MetricsSecond {
    return this.#ring.last();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** Event-loop delay sampling on or off (off while the gateway is idle). */
  sampleLoop(on: boolean): void {
    this.#loop.sample(on);
  }

  stop(): void {
    this.#loop.stop();
  }
}
