import type { LabelValues, Registry } from 'prom-client';
import type { AuditEvent } from '../shared/audit-event.js';
import { BoundedLabels } from './bounded-labels.js';
import { RouteLabels } from './route-label.js';
import { TallyCounter } from './tally-counter.js';
import { TallyHistogram } from './tally-histogram.js';

/**
 * Seconds, from sub-millisecond gateway overhead to streams that run for minutes; one set for all
 * three histograms so total, upstream and overhead can be compared bucket by bucket.
 */
export const LATENCY_BUCKETS_SEC = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/** Distinct finding categories (detectors, custom term groups) before new ones become 'other'. */
const CATEGORY_LIMIT = 64;
/** Providers come from the route table; the bound only guards against a future unbounded source. */
const PROVIDER_LIMIT = 16;

const BLOCKING = new Set<AuditEvent['decision']>(['blocked', 'denied']);

export const isBlock = (e: AuditEvent): boolean => BLOCKING.has(e.decision);
export const isError = (e: AuditEvent): boolean => e.status >= 400 || e.errorCode !== undefined;

/** Counters and histograms fed once per finished exchange, from its audit event. */
export class ExchangeMetrics {
  readonly #routes = new RouteLabels();
  readonly #providers = new BoundedLabels(PROVIDER_LIMIT);
  readonly #categories = new BoundedLabels(CATEGORY_LIMIT);
  readonly #providerLabels = new Map<string, LabelValues<'provider'>>();
  readonly #requests: TallyCounter<'route' | 'status' | 'provider'>;
  readonly #total: TallyHistogram<'provider'>;
  readonly #upstream: TallyHistogram<'provider'>;
  readonly #overhead: TallyHistogram<'provider'>;
  readonly #bytesIn: TallyCounter<'provider'>;
  readonly #bytesOut: TallyCounter<'provider'>;
  readonly #findings: TallyCounter<'category'>;
  readonly #blocks: TallyCounter<'decision'>;

  constructor(registry: Registry) {
    const histogram = (name: string, help: string) =>
      new TallyHistogram(registry, { name, help, labelNames: ['provider'], buckets: LATENCY_BUCKETS_SEC });
    this.#requests = new TallyCounter(registry, {
      name: 'aegisgate_requests_total',
      help: 'Finished exchanges by route (bounded label), HTTP status sent to the client, and provider.',
      labelNames: ['route', 'status', 'provider'],
    });
    this.#total = histogram('aegisgate_request_duration_seconds', 'Total exchange time, first byte in to last byte out.');
    this.#upstream = histogram('aegisgate_upstream_duration_seconds', 'Time from sending upstream to the end of the upstream response (exchanges that went upstream).');
    this.#overhead = histogram('aegisgate_gateway_overhead_seconds', 'Total time minus upstream time: what the gateway itself added.');
    this.#bytesIn = new TallyCounter(registry, { name: 'aegisgate_request_bytes_total', help: 'Request body bytes received from clients.', labelNames: ['provider'] });
    this.#bytesOut = new TallyCounter(registry, { name: 'aegisgate_response_bytes_total', help: 'Response body bytes sent to clients.', labelNames: ['provider'] });
    this.#findings = new TallyCounter(registry, { name: 'aegisgate_findings_total', help: 'Findings in requests by category (counts only, never values).', labelNames: ['category'] });
    this.#blocks = new TallyCounter(registry, { name: 'aegisgate_blocks_total', help: 'Exchanges refused by policy or by the user.', labelNames: ['decision'] });
  }

  /** One `{ provider }` labels object per provider label, not one per exchange. */
  #byProvider(provider: string): LabelValues<'provider'> {
    let labels = this.#providerLabels.get(provider);
    if (labels === undefined) {
      labels = { provider };
      this.#providerLabels.set(provider, labels);
    }
    return labels;
  }

  observe(e: AuditEvent): void {
    const provider = this.#providers.label(e.provider);
    const byProvider = this.#byProvider(provider);
    const route = this.#routes.label(e.route);
    const key = `${route}\n${e.status}\n${provider}`;
    if (!this.#requests.addKnown(key)) this.#requests.add(key, { route, status: String(e.status), provider });
    const d = e.durations;
    this.#total.add(provider, byProvider, d.totalMs / 1000);
    if (d.upstreamMs > 0) this.#upstream.add(provider, byProvider, d.upstreamMs / 1000);
    this.#overhead.add(provider, byProvider, d.overheadMs / 1000);
    if (e.bytes.in > 0) this.#bytesIn.add(provider, byProvider, e.bytes.in);
    if (e.bytes.out > 0) this.#bytesOut.add(provider, byProvider, e.bytes.out);
    for (const name in e.findings) {
      const n = e.findings[name]!;
      if (n === 0) continue;
      const category = this.#categories.label(name);
      this.#findings.add(category, { category }, n);
    }
    if (isBlock(e)) this.#blocks.add(e.decision, { decision: e.decision });
  }
}
