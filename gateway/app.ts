import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Dispatcher } from 'undici';
import { adminPlugin } from './admin/plugin.js';
import { DashboardSessions } from './admin/sessions.js';
import { authPlugin } from './auth/plugin.js';
import { boundaryPlugin } from './boundary/plugin.js';
import { bodyPlugin } from './body/plugin.js';
import { defaultMaxConnections, guardConnections, type ConnectionStats } from './boundary/connections.js';
import type { RuntimeConfig } from './config/runtime.js';
import { registerErrorHandling, sendGatewayError } from './error-handler.js';
import { GatewayError } from './errors.js';
import { EventBus } from './events.js';
import { startFileReload } from './config/file-reload.js';
import { newerOverlayMessage } from './config/overlay-version.js';
import { admissionPlugin } from './boundary/admission.js';
import { OverloadGuard } from './boundary/overload.js';
import type { Keys } from './keys/subkeys.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './log.js';
import { metricsPlugin } from './metrics/plugin.js';
import { healthRoutes } from './routes/health.js';
import { proxyRoutes } from './routes/proxy.js';
import type { Store } from './store/types.js';
import type { Confirmations } from './confirm/confirmations.js';
import type { PolicyService } from './policy/service.js';
import { createServices } from './services.js';
import { uiPlugin } from './ui/plugin.js';
import { isPostgresStore, scaleOutPlugin, type SharedRedis } from './scale/plugin.js';
import { ScaleCounters, sharedAuth } from './scale/shared-auth.js';
import type { ScanOptions, Scanner } from './scan/index.js';

export interface GatewayDeps {
  config: RuntimeConfig;
  store: Store;
  keys: Keys;
  dataDir: string;
  /** In-process events; Electron main passes its own to subscribe before the first request. */
  bus?: EventBus;
  /** Defaults to JSON lines on stderr at `config.log.level`. */
  logger?: FastifyBaseLogger;
  /** The upstream dispatcher; built from config when absent. Whoever creates it closes it. */
  dispatcher?: Dispatcher;
  /** Replaces the detector compiler; tests inject a detector that throws to prove the gateway fails closed. */
  compileScanner?: (opts: ScanOptions) => Scanner;
  /** Scale-out: Redis for nonces, shared limits and event fan-out (the caller opens and closes it). */
  redis?: SharedRedis;
}

/** Header the gateway adds upstream; a request that already carries it has looped back to us. */
export const LOOP_HEADER = 'x-aegis-hop';

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
    bus: EventBus;
    /** Held confirmations: the admin API and Electron main decide through this. */
    confirmations: Confirmations;
    policy: PolicyService;
    /** The dashboard's one-time login links and sessions (in memory). */
    dashboard: DashboardSessions;
    /** Open, dropped (over the cap) and idle-closed client connections. */
    connections: ConnectionStats;
  }
}

/**
 * Builds the whole gateway as a Fastify instance, plugins registered by hand in data-flow order.
 * It does not listen (the CLI and Electron main do) and does not own the store it is given.
 */
export async function buildGateway(deps: GatewayDeps): Promise<FastifyInstance> {
  const runtime = deps.config;
  const config = runtime.current;
  const { server, limits } = config;
  const logger: FastifyBaseLogger = deps.logger ?? createLogger(config.log.level);
  const app = Fastify({
    loggerInstance: logger,
    // The hot path stays quiet: no per-request log lines (bodies and credentials are never logged).
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: true,
    return503OnClosing: true,
    bodyLimit: limits.bodyBytes,
    requestTimeout: server.requestTimeoutMs,
    keepAliveTimeout: server.keepAliveTimeoutMs,
    // A path the router cannot decode (`/v1/%zz`) gets our error shape and code, not Fastify's.
    frameworkErrors: (err, req, reply) => sendGatewayError(req, reply, new GatewayError('GW_ERR_BOUNDARY_BAD_URL', undefined, { cause: err })),
    http: {
      headersTimeout: server.headersTimeoutMs,
      connectionsCheckingInterval: server.connectionsCheckingIntervalMs,
    },
  });

  const connections = guardConnections(app.server, {
    max: server.maxConnections === 'auto' ? defaultMaxConnections() : server.maxConnections,
    idleMs: server.idleTimeoutMs,
  });
  app.decorate('connections', connections);

  const lifecycle = new Lifecycle();
  const bus = deps.bus ?? new EventBus((err, event) => app.log.error({ err, event }, 'event listener failed'));
  app.decorate('lifecycle', lifecycle);
  app.decorate('bus', bus);
  const services = await createServices(app, { ...deps, bus });
  const { upstream, recorder, dispatcher, confirmations, policy, clients } = services;
  app.decorate('confirmations', confirmations);
  app.decorate('policy', policy);
  app.decorate('dashboard', new DashboardSessions());

  // 1. The edge, each folder entered once: admission (draining, audit backpressure, the exchange's
  //    record), then the boundary's checks ending with the 405, then auth (client key, limits), all
  //    in onRequest; then body/: the parsers (decoding, JSON limits) and the signature as a preHandler.
  registerErrorHandling(app);
  const overload = new OverloadGuard(server, () => lifecycle.inFlight);
  await app.register(admissionPlugin, {
    config: () => runtime.current, lifecycle, recorder, clients, overload, auditPath: (path) => services.masked.path(path), relayEnabled: () => runtime.current.relay.enabled,
  });
  await app.register(boundaryPlugin, { bindHost: config.host, bodyLimit: limits.bodyBytes, loopHeader: LOOP_HEADER });
  const counters = new ScaleCounters();
  const shared = deps.redis && sharedAuth(deps.redis, counters, app.log);
  await app.register(authPlugin, { store: deps.store, config: runtime, shared: shared?.limits });
  await app.register(bodyPlugin, {
    bodyLimit: limits.bodyBytes,
    json: { depth: limits.jsonDepth, stringBytes: limits.stringBytes },
    decode: { decodedBytes: limits.decodedBodyBytes, ratio: limits.decodedBodyRatio },
    pool: services.engine,
    dataDir: deps.dataDir,
    auth: () => runtime.current.auth,
    nonces: shared?.nonces ?? deps.store.nonces,
  });

  // 2. Health, metrics, the admin API and the dashboard, then the proxy routes that walk each exchange through the conductor.
  await app.register(healthRoutes, { lifecycle });
  await app.register(metricsPlugin, { store: deps.store, dispatcher, pendingCount: () => confirmations.count, dataDir: deps.dataDir, open: () => runtime.current.metrics.open,
    shed: () => overload.shed, ...(shared && { rateLimitFallbacks: () => counters.rateLimitFallbacks }) });
  await app.register(adminPlugin, {
    prefix: '/admin', dataDir: deps.dataDir, store: deps.store, runtime, bus, lifecycle, bindHost: config.host, upstreamInFlight: () => upstream.inFlight(), sessions: app.dashboard,
  });
  await app.register(uiPlugin);
  await app.register(proxyRoutes, {
    ...services,
    switchProvider: app.switchProvider,
    config: () => runtime.current,
    loop: { header: LOOP_HEADER, value: randomUUID() },
    payloadKey: deps.keys.valueHash,
  });
  // A newer build's admin settings were stored: the gateway runs without them, and says so once.
  if (runtime.newerOverlay !== undefined) app.log.error({ settingsVersion: runtime.newerOverlay }, newerOverlayMessage(runtime.newerOverlay));
  // The --config file, re-applied when it changes (after every consumer of config changes is subscribed).
  const stopReload = startFileReload(runtime, { bus, log: app.log });
  app.addHook('onClose', async () => stopReload());
  // 3. Scale-out only: held items and events shared with the other instances.
  if (deps.redis || isPostgresStore(deps.store)) {
    await app.register(scaleOutPlugin, { store: deps.store, runtime, redis: deps.redis, counters });
  }
  return app;
}
