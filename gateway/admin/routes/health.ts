import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { RuntimeConfig } from '../../config/runtime.js';
import type { Lifecycle } from '../../lifecycle.js';
import type { Store } from '../../store/types.js';
import { VERSION } from '../../version.js';
import type { Health } from '../contract.js';

export interface HealthOptions {
  store: Store;
  runtime: RuntimeConfig;
  lifecycle: Lifecycle;
  dataDir: string;
  upstreamInFlight: () => number;
  startedAt: number;
}

/** The URL clients use: a wildcard bind is reached through loopback. */
function listeningUrl(app: FastifyInstance): string {
  const address = app.server.address() as AddressInfo | null;
  if (!address) return '';
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/** What the dashboard's status page shows; answers 200 while draining too, with `status: draining`. */
export async function healthRoute(app: FastifyInstance, opts: HealthOptions): Promise<void> {
  const { store, runtime, lifecycle } = opts;
  app.get('/health', async (): Promise<Health> => {
    const config = runtime.current;
    const stats = store.stats();
    const names = Object.keys(config.providers);
    const keys = await Promise.all(names.map((p) => store.providerKeys.hasProviderKey(p)));
    const { uncleanShutdown, integrity, abandonedPending } = store.startup;
    return {
      status: lifecycle.draining ? 'draining' : 'ok',
      version: VERSION,
      uptimeSec: Math.round((Date.now() - opts.startedAt) / 100) / 10,
      url: listeningUrl(app),
      dataDir: opts.dataDir,
      draining: lifecycle.draining,
      store: { uncleanShutdown, integrity, abandonedPending },
      audit: { queueDepth: stats.auditQueueDepth, queueCapacity: stats.auditQueueCapacity, enabled: config.audit.enabled },
      upstream: { inFlight: opts.upstreamInFlight() },
      upstreams: app.metrics?.upstreams(names) ?? [],
      providers: Object.fromEntries(names.map((name, i) => {
        const p = config.providers[name]!;
        return [name, { kind: p.kind!, baseUrl: p.baseUrl, managedKey: keys[i]! }];
      })),
      ...(runtime.fileStatus === undefined ? {} : { configFile: runtime.fileStatus }),
    };
  });
}
