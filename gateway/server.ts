import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildGateway, type GatewayDeps } from './app.js';
import { tokenFingerprint } from './admin/login-proof.js';
import { removeGatewayState, writeGatewayState } from './admin/state-file.js';
import { loadAdminToken } from './auth/admin-token.js';
import { RuntimeConfig, type ConfigLayers } from './config/runtime.js';
import { GatewayError } from './errors.js';
import { EventBus } from './events.js';
import { loadKeys } from './keys/master-key.js';
import type { KeyWrapper } from './keys/wrapper.js';
import { loadSharedKeys } from './keys/shared-key-file.js';
import { writeSecretFile } from './keys/secret-file.js';
import { ADMIN_TOKEN_FILE } from './auth/admin-token.js';
import { openStore } from './store/open-store.js';
import { signingKeyPath } from './keys/signing-key.js';
import { viewOfRecord } from './confirm/peers.js';
import { isPostgresStore, type SharedRedis } from './scale/plugin.js';
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
/** How long cut streams get to write their terminal event before the sockets are closed. */
const CUT_FLUSH_MS = 1000;

/**
 * Opens the keys and the store in the data dir, builds the gateway and listens. Used by the CLI,
 * Electron main and integration tests; it owns (and closes) everything it opens.
 */
export async function startGateway(opts: StartOptions): Promise<RunningGateway> {
  // The queue size, retention and store come from the file and flags: the store opens before the overlay is read.
  const boot = new RuntimeConfig(opts.layers).current;
  const keys = await openKeys(boot.store.masterKeyFile, opts);
  // One bus for the store and the app, so a background store failure reaches the tray too.
  const bus = opts.bus ?? new EventBus((err, event) => opts.logger?.error({ err, event }, 'event listener failed'));
  let storeLog = opts.logger;
  const store = await openStore({
    url: boot.store.url,
    dataDir: opts.dataDir,
    keys,
    audit: { capacity: boot.audit.queueCapacity },
    retention: { auditMs: boot.audit.retentionDays * DAY },
    poolMax: boot.store.poolMax,
    leaseMs: boot.store.leaseSec * 1000,
    onError: (err) => {
      // The app's logger once it exists: the CLI passes none, and these lines must reach its log.
      storeLog?.error({ err }, 'store background task failed');
      bus.emit('store.error', { message: err instanceof Error ? err.message : String(err) });
    },
    onAbandoned: (records) => {
      const now = Date.now();
      for (const r of records) bus.emit('pending.abandoned', { pending: viewOfRecord(r, now), outcome: { kind: 'abandoned', pendingId: r.id } });
    },
  });
  const redis = boot.redis.url === '' ? undefined : await openSharedRedis(boot.redis.url, store, opts.logger);
  try {
    const config = await RuntimeConfig.load(opts.layers, store.settings);
    const app = await buildGateway({ config, store, keys, dataDir: opts.dataDir, logger: opts.logger, bus, compileScanner: opts.compileScanner, redis });
    storeLog = app.log;
    const { host, port: wanted, server } = config.current;
    // Node's default backlog (511) is smaller than the burst of connections a thousand clients open
    // at once: past it the kernel drops their SYNs, and each waits 1 s, then 3 s, to try again.
    await app.listen({ host, port: wanted, backlog: server.listenBacklog });
    const { port } = app.server.address() as AddressInfo;
    const url = urlFor(host, port);
    // Where `aegisgate login` finds this gateway; the fingerprint names its admin token.
    const token = await loadAdminToken(opts.dataDir);
    writeGatewayState(opts.dataDir, { url, pid: process.pid, fingerprint: tokenFingerprint(token.reveal()) });
    let closing: Promise<void> | undefined;
    const shutdown = () =>
      (closing ??= (async () => {
        // Held exchanges wait for a person, not for the network: cancel them now (their clients get a
        // 503 or a refused tool call) rather than let them hold the whole grace period.
        const draining = app.lifecycle.drain(server.shutdownGraceMs);
        await app.confirmations.cancelAll('shutdown');
        const { finished, remaining } = await draining;
        if (!finished) {
          app.log.warn({ remaining }, 'grace period over; closing remaining connections');
          // Streams still running end with an error event naming the shutdown, and are audited so.
          await app.lifecycle.cutAll(new GatewayError('GW_ERR_SHUTTING_DOWN'), CUT_FLUSH_MS);
        }
        removeGatewayState(opts.dataDir, process.pid);
        try {
          await app.close();
        } finally {
          redis?.pub.disconnect();
          redis?.sub.disconnect();
          await store.close();
        }
      })());
    return { app, config, store, url, port, login: app.dashboard.loginUrl(url).url, shutdown };
  } catch (err) {
    redis?.pub.disconnect();
    redis?.sub.disconnect();
    await store.close();
    throw err;
  }
}

/**
 * The data dir's own master key, or the shared key file of a scaled-out deployment; with the shared
 * file, the admin token derived from it is written to the data dir, where the admin API and
 * `aegisgate login` read it, so every instance accepts the same token.
 */
async function openKeys(masterKeyFile: string, opts: StartOptions) {
  if (masterKeyFile === '') return loadKeys({ dataDir: opts.dataDir, wrapper: opts.keyWrapper });
  const shared = await loadSharedKeys(masterKeyFile);
  await writeSecretFile(join(opts.dataDir, ADMIN_TOKEN_FILE), `${shared.adminToken}\n`, 'replace');
  // Signed requests must verify on every instance, so the signing secret is shared the same way.
  await writeSecretFile(signingKeyPath(opts.dataDir), `${shared.signingKey}\n`, 'replace');
  return shared.keys;
}

/** Two connections (commands, subscriber); a Redis that is away at start is waited for briefly, then reconnected to in the background. */
async function openSharedRedis(url: string, store: Store, logger: FastifyBaseLogger | undefined): Promise<SharedRedis> {
  // ioredis (about 2 MB of heap) only for gateways that share state through Redis.
  const { connectRedis, whenReady } = await import('./redis/connection.js');
  const onError = (err: unknown) => logger?.warn({ err }, 'redis connection error');
  const pub = connectRedis(url, onError);
  const sub = connectRedis(url, onError);
  const ready = await Promise.all([whenReady(pub), whenReady(sub)]);
  if (!ready.every(Boolean)) logger?.warn({ url: new URL(url).host }, 'Redis not reachable at start: signed requests are refused and limits are per instance until it is');
  const instanceId = isPostgresStore(store) ? store.instanceId : `gw_${randomBytes(6).toString('hex')}`;
  return { instanceId, pub, sub };
}
