import { Agent, buildConnector, type Client } from 'undici';
import type { GatewayConfig } from '../config/schema.js';
import { OriginPool, type OriginPoolStats } from './origin-pool.js';

/** What each origin's pool is built with; `connectTimeout` goes into the pool's one connector. */
export interface UpstreamPoolOptions extends Omit<Client.Options, 'connect' | 'connectTimeout'> {
  connections: number;
  connectTimeout: number;
}

/**
 * An Agent whose per-origin dispatchers are OriginPools. Agent's own `stats` reads a private
 * symbol of undici's Pool, so the pools it made are kept here too, by origin, for `stats`.
 */
export class UpstreamAgent extends Agent {
  readonly #pools: Map<string, OriginPool>;

  constructor({ connections, connectTimeout, ...client }: UpstreamPoolOptions) {
    const pools = new Map<string, OriginPool>();
    super({
      factory: (origin) => {
        // One connector per origin, shared by its connections as in undici's Pool: it holds the TLS session cache.
        const pool = new OriginPool(origin, connections, { ...client, connect: buildConnector({ timeout: connectTimeout }) });
        pools.set(pool.origin, pool);
        return pool;
      },
    });
    this.#pools = pools;
  }

  /** Per origin, as Agent's `stats`; a pool the Agent closed (its connections all gone) is forgotten. */
  // @ts-expect-error TS2611: undici's types declare Agent's `stats` getter as a property.
  override get stats(): Record<string, OriginPoolStats> {
    const out: Record<string, OriginPoolStats> = {};
    for (const [origin, pool] of this.#pools) {
      if (pool.closed) this.#pools.delete(origin);
      else out[origin] = pool.stats;
    }
    return out;
  }
}

/**
 * The one upstream dispatcher, built at boot and injected (never the global one): a keep-alive
 * pool per provider origin. HTTP/1.1 needs a connection per in-flight request, so the cap is high;
 * the gateway's own queue bound (UpstreamClient) is what answers 503 when it is reached.
 */
export function createDispatcher(cfg: GatewayConfig['upstream']): UpstreamAgent {
  return new UpstreamAgent({
    connections: cfg.connections,
    connectTimeout: cfg.connectTimeoutMs,
    pipelining: 1,
    headersTimeout: cfg.headersTimeoutMs,
    bodyTimeout: cfg.bodyTimeoutMs,
    keepAliveTimeout: cfg.keepAliveTimeoutMs,
    keepAliveMaxTimeout: Math.max(cfg.keepAliveTimeoutMs, 600_000),
  });
}
