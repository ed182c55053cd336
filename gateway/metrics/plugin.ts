import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Dispatcher } from 'undici';
import { bearerCredential } from '../auth/admin-credentials.js';
import { loadAdminToken } from '../auth/admin-token.js';
import { GatewayError } from '../errors.js';
import type { Store } from '../store/types.js';
import { GatewayMetrics } from './gateway-metrics.js';
import { poolStatsOf } from './pool-stats.js';
import type { MetricsSecond, MetricsSeries, WindowSummary } from './series-schema.js';
import { everySecondWhileBusy } from './ticker.js';
import { UpstreamHealthTracker } from './upstream-health.js';
import type { UpstreamHealth } from './upstream-health-schema.js';

export interface MetricsPluginOptions {
  store: Pick<Store, 'audit' | 'stats'>;
  /** The upstream dispatcher, for per-origin pool statistics (an undici Agent). */
  dispatcher?: Dispatcher;
  /** Pending confirmations; 0 until the confirmation step provides it. */
  pendingCount?: () => number;
  /** Where the admin token lives: `/metrics` asks for it as a bearer token unless `open()` says otherwise. */
  dataDir: string;
  /** `metrics.open` from the live configuration. */
  open: () => boolean;
  /** Scale-out: requests whose rate limit fell back to this instance because Redis was away. */
  rateLimitFallbacks?: () => number;
  /** Requests refused by admission so far. */
  shed?: () => number;
}

/** What the rest of the gateway (the admin API) reads: the per-second window. */
export interface MetricsService {
  /** The last `windowSec` complete seconds (1…900), oldest first, no gaps. */
  series(windowSec: number): MetricsSeries;
  /** The last complete second. */
  last(): MetricsSecond;
  /** Per-request percentiles over the last `windowSec` seconds. */
  summary(windowSec: number): WindowSummary;
  /** Each provider's health from recent real traffic; `known` are listed even before any. */
  upstreams(known: readonly string[]): UpstreamHealth[];
  /** Someone shows the 1 Hz tick (a dashboard stream): it ticks until the returned release. */
  watch(): () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: MetricsService;
  }
}

/**
 * GET /metrics (Prometheus text; the admin token as a bearer token unless `metrics.open`, and the
 * global Host check applies), the per-second window
 * behind `app.metrics`, and a 1 Hz `metrics.tick` on the bus with the second that just ended.
 * Fed only by the bus's `audit` event, once per exchange: nothing here sits on the request path.
 * The tick sleeps while nothing happens and nobody watches (issue 16: idle means idle); the
 * window fills in the skipped seconds as empty when it is next read.
 */
async function metrics(app: FastifyInstance, opts: MetricsPluginOptions): Promise<void> {
  const { store, dispatcher } = opts;
  const pending = opts.pendingCount ?? (() => 0);
  const m = new GatewayMetrics({
    inFlight: () => app.lifecycle.inFlight,
    pending,
    auditQueueDepth: () => store.audit.depth,
    auditQueueCapacity: store.stats().auditQueueCapacity,
    auditWriteFailing: () => store.audit.failing,
    pool: () => poolStatsOf(dispatcher),
    connections: app.connections,
    rateLimitFallbacks: opts.rateLimitFallbacks,
    shed: opts.shed,
  });
  const upstreams = new UpstreamHealthTracker();
  let watchers = 0;
  // An exchange finished since the last tick: the next tick reports it (and one more follows).
  let active = false;
  let awake = false;
  const ticks = everySecondWhileBusy(() => {
    app.bus.emit('metrics.tick', m.tick());
    const busy = active || watchers > 0 || app.lifecycle.inFlight > 0 || pending() > 0;
    active = false;
    if (!busy) {
      awake = false;
      m.sampleLoop(false);
    }
    return busy;
  });
  // Called once per exchange: a flag test when already awake.
  const wake = () => {
    if (awake) return;
    awake = true;
    m.sampleLoop(true);
    ticks.wake();
  };
  const watch = () => {
    watchers++;
    wake();
    let released = false;
    return () => {
      if (!released) watchers--;
      released = true;
    };
  };
  const service: MetricsService = {
    series: (w) => m.series(w), last: () => m.last(), summary: (w) => m.summary(w), upstreams: (known) => upstreams.snapshot(known, Date.now()), watch,
  };
  app.decorate('metrics', service);

  const unsubscribe = [
    app.bus.on('audit', m.onAudit),
    app.bus.on('audit', upstreams.onAudit),
    app.bus.on('audit', () => {
      active = true;
      wake();
    }),
    app.bus.on('pending.added', wake),
    app.lifecycle.onBusy(wake),
  ];
  app.addHook('onClose', async () => {
    ticks.stop();
    for (const off of unsubscribe) off();
    m.stop();
  });

  // Labels are route templates and counts, but the series still tell who calls what, how often: closed by default.
  const bearer = bearerCredential(await loadAdminToken(opts.dataDir));
  app.get('/metrics', async (req, reply) => {
    if (!opts.open() && bearer.check(req) !== 'valid') {
      reply.header('www-authenticate', 'Bearer');
      throw new GatewayError('GW_ERR_ADMIN_UNAUTHORIZED');
    }
    return reply.type(m.contentType).send(await m.scrape());
  });
}

export const metricsPlugin = fp(metrics, { name: 'aegis-metrics', fastify: '5.x' });
