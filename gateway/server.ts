import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildGateway, type GatewayDeps } from './app.js';
import { RuntimeConfig, type ConfigLayers } from './config/runtime.js';
import { EventBus } from './events.js';
import { loadKeys } from './keys/master-key.js';
import type { KeyWrapper } from './keys/wrapper.js';
import { openSqliteStore } from './store/sqlite/open.js';
import type { Store } from './store/types.js';

export interface StartOptions {
  layers: ConfigLayers;
  /** Absolute, existing data dir (ensureDataDir). */
  dataDir: string;
  logger?: FastifyBaseLogger;
  bus?: EventBus;
  /** Wraps the master key at rest (the desktop app passes the OS keychain). */
  keyWrapper?: KeyWrapper;
  /** See GatewayDeps.compileScanner. */
  compileScanner?: GatewayDeps['compileScanner'];
}

export interface RunningGateway {
  app: FastifyInstance;
  config: RuntimeConfig;
  store: Store;
  url: string;
  port: number;
  /** A one-time dashboard login URL (`<url>/ui/#token=…`) minted at start: valid once, for 15 minutes. */
  login: string;
  /** Drain (new requests get 503, in-flight ones get the grace period), close, flush the audit. Idempotent. */
  shutdown(): Promise<void>;
}

export function urlFor(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

const DAY = 86_400_000;

/**
 * Opens the keys and the store in the data dir, builds the gateway and listens. Used by the CLI,
 * Electron main and integration tests; it owns (and closes) everything it opens.
 */
export async function startGateway(opts: StartOptions): Promise<RunningGateway> {
  const keys = await loadKeys({ dataDir: opts.dataDir, wrapper: opts.keyWrapper });
  // One bus for the store and the app, so a background store failure reaches the tray too.
  const bus = opts.bus ?? new EventBus((err, event) => opts.logger?.error({ err, event }, 'event listener failed'));
  // The queue size and retention come from the file and flags: the store opens before the overlay is read.
  const boot = new RuntimeConfig(opts.layers).current;
  let storeLog = opts.logger;
  const store = await openSqliteStore({
    dataDir: opts.dataDir,
    keys,
    audit: { capacity: boot.audit.queueCapacity },
    retention: { auditMs: boot.audit.retentionDays * DAY },
    onError: (err) => {
      // The app's logger once it exists: the CLI passes none, and these lines must reach its log.
      storeLog?.error({ err }, 'store background task failed');
      bus.emit('store.error', { message: err instanceof Error ? err.message : String(err) });
    },
  });
  try {
    const config = await RuntimeConfig.load(opts.layers, store.settings);
    const app = await buildGateway({ config, store, keys, dataDir: opts.dataDir, logger: opts.logger, bus, compileScanner: opts.compileScanner });
    storeLog = app.log;
    const { host, port: wanted, server } = config.current;
    await app.listen({ host, port: wanted });
    const { port } = app.server.address() as AddressInfo;
    const url = urlFor(host, port);
    let closing: Promise<void> | undefined;
    const shutdown = () =>
      (closing ??= (async () => {
        // Held exchanges wait for a person, not for the network: cancel them now (their clients get a
        // 503 or a refused tool call) rather than let them hold the whole grace period.
        const draining = app.lifecycle.drain(server.shutdownGraceMs);
        await app.confirmations.cancelAll('shutdown');
        const { finished, remaining } = await draining;
        if (!finished) app.log.warn({ remaining }, 'grace period over; closing remaining connections');
        try {
          await app.close();
        } finally {
          await store.close();
        }
      })());
    return { app, config, store, url, port, login: app.dashboard.loginUrl(url).url, shutdown };
  } catch (err) {
    await store.close();
    throw err;
  }
}
