// Per-exchange cost of the metrics bus listener (prom-client counters and histograms plus the
// per-second window), on synthetic audit events shaped like real traffic. Not a test: run with
//   node --import tsx test/gateway/metrics/listener.bench.ts [events]
import { performance } from 'node:perf_hooks';
import type { AuditEvent } from '../../../gateway/shared/audit-event.js';
import { GatewayMetrics } from '../../../gateway/metrics/gateway-metrics.js';

const N = Number(process.argv[2] ?? 100_000);
const ROUTES = ['/v1/chat/completions', '/v1/messages', '/v1/responses', '/v1/models', '/v1/files/file-abc123', '/openai/v1/chat/completions'];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 400, 429, 500];

function syntheticEvents(n: number): AuditEvent[] {
  return Array.from({ length: n }, (_, i): AuditEvent => {
    const total = 50 + (i % 500) * 7;
    const findings: Record<string, number> = i % 4 === 0 ? { pii: 1 + (i % 3), secret: i % 8 === 0 ? 1 : 0 } : {};
    return {
      id: `e${i}`,
      time: Date.now(),
      client: { app: 'bench' },
      provider: i % 3 === 0 ? 'anthropic' : 'openai',
      route: ROUTES[i % ROUTES.length]!,
      stream: i % 2 === 0,
      status: STATUSES[i % STATUSES.length]!,
      durations: { totalMs: total, upstreamMs: total - 0.4, overheadMs: 0.4 + (i % 10) / 10 },
      bytes: { in: 900 + (i % 100), out: 2000 + (i % 1000) },
      usage: {},
      findings,
      decision: i % 50 === 0 ? 'blocked' : i % 4 === 0 ? 'redacted' : 'forwarded',
    };
  });
}

const events = syntheticEvents(N);
// A clock that moves through seconds at 5,000 exchanges per second, so the window rolls over as in production.
let k = 0;
const now = () => 1_750_000_000_000 + Math.floor(k / 5) ;
const metrics = new GatewayMetrics(
  { inFlight: () => 0, pending: () => 0, auditQueueDepth: () => 0, auditQueueCapacity: 10_000, pool: () => ({}) },
  now,
);

function time(fn: (e: AuditEvent) => unknown): number {
  const t = performance.now();
  for (k = 0; k < N; k++) fn(events[k]!);
  return performance.now() - t;
}

/** Median of 5 runs after a warm-up (JIT, label maps); the machine may be shared, so medians. */
function median(fn: (e: AuditEvent) => unknown): number {
  time(fn);
  const runs = Array.from({ length: 5 }, () => time(fn)).sort((a, b) => a - b);
  return runs[2]!;
}

const listenerMs = median(metrics.onAudit);
// A yardstick measured in the same process: the audit store serialises every event to JSON anyway.
const jsonMs = median((e) => JSON.stringify(e));
const t = performance.now();
const text = await metrics.scrape();
const scrapeMs = performance.now() - t;
metrics.stop();
console.log(JSON.stringify({
  bench: 'metrics.listener',
  events: N,
  nsPerEvent: Math.round((listenerMs / N) * 1e6),
  eventsPerSecond: Math.round(N / (listenerMs / 1000)),
  jsonStringifyNsPerEvent: Math.round((jsonMs / N) * 1e6),
  scrapeMs: Math.round(scrapeMs * 100) / 100,
  scrapeBytes: text.length,
}));
