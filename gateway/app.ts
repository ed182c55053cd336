import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Dispatcher } from 'undici';
import { boundaryPlugin } from './boundary/plugin.js';
import { registerBodyParsers } from './boundary/body.js';
import type { GatewayConfig } from './config/schema.js';
import { registerErrorHandling } from './error-handler.js';
import type { ResponseRewrite } from './exchange/relay.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './log.js';
import { healthRoutes } from './routes/health.js';
import { proxyRoutes } from './routes/proxy.js';
import { identityTransform } from './stream/sse-event.js';
import { UpstreamClient, parseTarget } from './upstream/client.js';
import { createDispatcher } from './upstream/dispatcher.js';

export interface GatewayDeps {
  config: GatewayConfig;
  /** Defaults to JSON lines on stderr at `config.log.level`. */
  logger?: FastifyBaseLogger;
  /** The upstream dispatcher; built from config when absent. Whoever creates it closes it. */
  dispatcher?: Dispatcher;
}

/** Header the gateway adds upstream; a request that already carries it has looped back to us. */
export const LOOP_HEADER = 'x-aegis-hop';

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
}

const identityRewrite: ResponseRewrite = { json: (body) => body, sse: identityTransform };

/**
 * Builds the whole gateway as a Fastify instance, plugins registered by hand in data-flow order.
 * It does not listen: the CLI (server.ts) and Electron main do that.
 */
export async function buildGateway(deps: GatewayDeps): Promise<FastifyInstance> {
  const { config } = deps;
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
    http: {
      headersTimeout: server.headersTimeoutMs,
      connectionsCheckingInterval: server.connectionsCheckingIntervalMs,
    },
  });

  const lifecycle = new Lifecycle();
  app.decorate('lifecycle', lifecycle);

  const ownDispatcher = deps.dispatcher === undefined;
  const dispatcher = deps.dispatcher ?? createDispatcher(config.upstream);
  const upstream = new UpstreamClient(
    dispatcher,
    { openai: parseTarget(config.providers.openai.baseUrl), anthropic: parseTarget(config.providers.anthropic.baseUrl) },
    config.upstream,
  );
  app.addHook('onClose', async () => {
    if (ownDispatcher) await dispatcher.close();
  });

  // 1. Boundary: host/origin/loop/media-type/length checks, then body parsing with JSON limits.
  registerErrorHandling(app);
  await app.register(boundaryPlugin, { bindHost: config.host, bodyLimit: limits.bodyBytes, loopHeader: LOOP_HEADER, lifecycle });
  registerBodyParsers(app, limits.bodyBytes, { depth: limits.jsonDepth, stringBytes: limits.stringBytes });

  // 2. Health, then the proxy routes that walk each exchange through the conductor.
  await app.register(healthRoutes, { lifecycle });
  await app.register(proxyRoutes, {
    upstream,
    config: () => config,
    loop: { header: LOOP_HEADER, value: randomUUID() },
    rewrite: () => identityRewrite,
  });
  return app;
}
