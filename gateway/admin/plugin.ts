import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { parseJsonBody } from '../body/parse.js';
import type { RuntimeConfig } from '../config/runtime.js';
import { GatewayError } from '../errors.js';
import type { EventBus } from '../events.js';
import type { Lifecycle } from '../lifecycle.js';
import type { Store } from '../store/types.js';
import { authenticate, bearerCredential, type AdminCredential } from '../auth/admin-credentials.js';
import { DEFAULT_HUB_OPTIONS, EventHub, type EventHubOptions } from './event-hub.js';
import { OriginPolicy } from './origin.js';
import { auditRoutes } from './routes/audit.js';
import { configRoutes } from './routes/config.js';
import { connectRoutes } from './routes/connect.js';
import { detectorRoutes } from './routes/detectors.js';
import { eventsRoute } from './routes/events.js';
import { healthRoute } from './routes/health.js';
import { keyRoutes } from './routes/keys.js';
import { providerKeyRoutes } from './routes/provider-keys.js';
import { confirmationRoutes } from './routes/confirmations.js';
import { ruleRoutes } from './routes/rules.js';
import { sessionRoutes } from './routes/session.js';
import { statsRoute } from './routes/stats.js';
import { sessionCredential } from './session-credential.js';
import type { DashboardSessions } from './sessions.js';
import { loadAdminToken } from '../auth/admin-token.js';
import { typeboxValidatorCompiler } from './validation.js';

export interface AdminOptions {
  dataDir: string;
  store: Store;
  runtime: RuntimeConfig;
  bus: EventBus;
  lifecycle: Lifecycle;
  /** The configured listen address: a specific one is an accepted Origin besides the loopback names. */
  bindHost: string;
  upstreamInFlight: () => number;
  /** The dashboard's one-time login tokens and sessions; its session cookie is accepted besides the bearer token. */
  sessions: DashboardSessions;
  /** Accepted besides the bearer token and the session cookie. */
  credentials?: readonly AdminCredential[];
  stream?: Partial<EventHubOptions>;
  /** Epoch ms the gateway started, for uptime. */
  startedAt?: number;
}

/** Admin bodies are a config patch or a key: small. JSON only, which a cross-site form cannot send. */
const ADMIN_BODY_BYTES = 1024 * 1024;
const ADMIN_JSON_LIMITS = { depth: 16, stringBytes: 64 * 1024 };

/**
 * The admin API under `/admin` (register with that prefix): an encapsulated plugin, so its body
 * parser, validator, guard and 404 apply to admin routes only. Every route needs a same-origin (or
 * no) `Origin` and a valid credential (the bearer admin token or the dashboard's session cookie),
 * except signing in and out; Host is checked globally by the boundary. No CORS, ever.
 */
export async function adminPlugin(app: FastifyInstance, opts: AdminOptions): Promise<void> {
  const token = await loadAdminToken(opts.dataDir);
  const credentials: readonly AdminCredential[] = [bearerCredential(token), sessionCredential(opts.sessions), ...(opts.credentials ?? [])];
  const origins = new OriginPolicy(opts.bindHost);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: ADMIN_BODY_BYTES }, (_req, raw, done) => {
    try {
      done(null, parseJsonBody(raw as Buffer, ADMIN_JSON_LIMITS).json);
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  app.setValidatorCompiler(typeboxValidatorCompiler);
  // Parses the Cookie header before the guard below reads the session cookie.
  await app.register(cookie, { hook: 'onRequest' });

  app.addHook('onRequest', async (req, reply) => {
    if (!origins.allows(req.headers, req.raw.socket.localPort)) throw new GatewayError('GW_ERR_ADMIN_ORIGIN');
    // Responses carry configuration and key metadata: never cached, never sniffed.
    reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    // Signing in is how a browser gets a credential; those routes check their caller themselves.
    if (req.routeOptions.config.adminPublic === true) return;
    if (!(await authenticate(req, credentials))) {
      reply.header('www-authenticate', 'Bearer');
      throw new GatewayError('GW_ERR_ADMIN_UNAUTHORIZED');
    }
  });
  app.setNotFoundHandler(() => {
    throw new GatewayError('GW_ERR_ADMIN_NOT_FOUND');
  });

  const { store, runtime, bus } = opts;
  const hub = new EventHub(bus, { overlay: () => runtime.overlay }, { ...DEFAULT_HUB_OPTIONS, ...opts.stream });
  app.addHook('preClose', async () => hub.close());

  await app.register(eventsRoute, { hub });
  await app.register(auditRoutes, { store });
  await app.register(statsRoute);
  await app.register(configRoutes, { runtime, store });
  await app.register(detectorRoutes);
  await app.register(keyRoutes, { store, bus });
  await app.register(connectRoutes, { bus });
  await app.register(providerKeyRoutes, { store, bus, runtime });
  await app.register(confirmationRoutes, { confirmations: app.confirmations, store });
  await app.register(ruleRoutes, { policy: app.policy, runtime, store });
  await app.register(sessionRoutes, { sessions: opts.sessions, token });
  await app.register(healthRoute, {
    store, runtime, lifecycle: opts.lifecycle, dataDir: opts.dataDir, upstreamInFlight: opts.upstreamInFlight, startedAt: opts.startedAt ?? Date.now(),
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** An admin route reachable without a credential (signing in and out); it checks its caller itself. */
    adminPublic?: boolean;
  }
}
