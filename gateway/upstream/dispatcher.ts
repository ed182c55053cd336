import { Agent } from 'undici';
import type { GatewayConfig } from '../config/schema.js';

/**
 * The one upstream dispatcher, built at boot and injected (never the global one): a keep-alive
 * pool per provider origin. HTTP/1.1 needs a connection per in-flight request, so the cap is high;
 * the gateway's own queue bound (UpstreamClient) is what answers 503 when it is reached.
 */
export function createDispatcher(cfg: GatewayConfig['upstream']): Agent {
  return new Agent({
    connections: cfg.connections,
    pipelining: 1,
    connectTimeout: cfg.connectTimeoutMs,
    headersTimeout: cfg.headersTimeoutMs,
    bodyTimeout: cfg.bodyTimeoutMs,
    keepAliveTimeout: cfg.keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(cfg.keepAliveTimeoutMs, 600_000),
  });
}
