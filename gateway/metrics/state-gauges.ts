import { Counter, Gauge, type Registry } from 'prom-client';
import { POOL_FIELDS, type PoolSnapshot } from './pool-stats.js';

/** Where the gauges read from at scrape time; nothing here runs per request. */
export interface StateSources {
  inFlight: () => number;
  pending: () => number;
  auditQueueDepth: () => number;
  auditQueueCapacity: number;
  /** Audit batch writes failing in a row (absent: never failing). */
  auditWriteFailing?: () => number;
  pool: () => Record<string, PoolSnapshot>;
  connections?: { open(): number; dropped: number; idleClosed: number };
  /** Scale-out with Redis: rate-limit checks answered by this instance's own buckets. */
  rateLimitFallbacks?: () => number;
  /** Requests refused by admission (server.maxInFlight, server.maxEventLoopDelayMs). */
  shed?: () => number;
}

const POOL_HELP: Record<(typeof POOL_FIELDS)[number], string> = {
  connected: 'Open upstream connections.',
  free: 'Open upstream connections without an active request.',
  pending: 'Requests queued inside upstream clients, not yet written.',
  queued: 'Requests waiting in the pool for a connection.',
  running: 'Requests in progress upstream.',
  size: 'Requests running, pending or queued upstream.',
};

/** Gauges whose values are read in prom-client `collect()` callbacks, when /metrics is scraped. */
export function registerStateGauges(registry: Registry, src: StateSources): void {
  const registers = [registry];
  new Gauge({
    name: 'aegisgate_requests_in_flight',
    help: 'Proxy exchanges admitted and not yet finished.',
    registers,
    collect() {
      this.set(src.inFlight());
    },
  });
  new Gauge({
    name: 'aegisgate_pending_confirmations',
    help: 'Requests held for the user to approve or deny.',
    registers,
    collect() {
      this.set(src.pending());
    },
  });
  new Gauge({
    name: 'aegisgate_audit_queue_depth',
    help: 'Audit events queued in memory, not yet committed.',
    registers,
    collect() {
      this.set(src.auditQueueDepth());
    },
  });
  // Counted as plain numbers where they happen; read into counters at scrape time.
  const total = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  const conns = src.connections;
  if (conns) {
    new Gauge({
      name: 'aegisgate_client_connections_open',
      help: 'Open client connections.',
      registers,
      collect() {
        this.set(conns.open());
      },
    });
    total('aegisgate_client_connections_dropped_total', 'Client connections closed at once because server.maxConnections were open.', () => conns.dropped);
    total('aegisgate_client_connections_idle_closed_total', 'Client connections closed for sending no request within server.idleTimeoutMs.', () => conns.idleClosed);
  }
  const fallbacks = src.rateLimitFallbacks;
  if (fallbacks) total('aegisgate_rate_limit_fallbacks_total', 'Rate-limit checks answered by this instance alone because Redis was unreachable.', fallbacks);
  const shed = src.shed;
  if (shed) total('aegisgate_requests_shed_total', 'Proxy requests refused with 503 GW_ERR_OVERLOADED by server.maxInFlight or server.maxEventLoopDelayMs.', shed);
  new Gauge({
    name: 'aegisgate_audit_write_failures',
    help: 'Audit batch writes that failed in a row (disk full, read-only store); 0 while the store keeps up.',
    registers,
    collect() {
      this.set(src.auditWriteFailing?.() ?? 0);
    },
  });
  const capacity = new Gauge({ name: 'aegisgate_audit_queue_capacity', help: 'Audit queue bound; at it, new requests get 503.', registers });
  capacity.set(src.auditQueueCapacity);
  for (const field of POOL_FIELDS) {
    new Gauge({
      name: `aegisgate_upstream_pool_${field}`,
      help: `${POOL_HELP[field]} Per upstream origin.`,
      labelNames: ['origin'],
      registers,
      collect() {
        // Reset first so an origin whose pool was closed (config change) disappears.
        this.reset();
        for (const [origin, s] of Object.entries(src.pool())) this.set({ origin }, s[field]);
      },
    });
  }
}
