import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { RuntimeConfig } from '../config/runtime.js';
import { StorePeers } from '../confirm/peers.js';
import { startFanout } from '../redis/event-fanout.js';
import type { PostgresStore } from '../store/postgres/open.js';
import type { Store } from '../store/types.js';
import type { ScaleCounters } from './shared-auth.js';

export interface SharedRedis {
  /** Names this instance on the event channel. */
  instanceId: string;
  /** Commands and publishing. */
  pub: Redis;
  /** Subscriber mode needs a connection of its own. */
  sub: Redis;
}

export interface ScaleOutOptions {
  store: Store;
  runtime: RuntimeConfig;
  redis?: SharedRedis;
  counters: ScaleCounters;
}

export const isPostgresStore = (store: Store): store is PostgresStore => (store as Partial<PostgresStore>).kind === 'postgres';

/**
 * What makes N instances one gateway: held items listed and decided from any instance (shared
 * store), their leases renewed by their holder, and events fanned out (Redis) so every dashboard
 * sees every instance's audit and confirmations, and rule and config edits apply everywhere.
 */
async function scaleOut(app: FastifyInstance, opts: ScaleOutOptions): Promise<void> {
  const { store, runtime } = opts;
  const offs: (() => void)[] = [];
  let stopFanout: (() => Promise<void>) | undefined;
  if (isPostgresStore(store)) {
    const peers = new StorePeers(store.pending, app.bus);
    await peers.load();
    app.confirmations.setPeers(peers);
    offs.push(() => peers.close());
    store.holding(() => app.confirmations.heldIds(), (record) => app.confirmations.settledElsewhere(record));
    // A decision or a lapsed lease announced by another instance releases the exchange held here.
    for (const event of ['pending.decided', 'pending.abandoned'] as const) {
      offs.push(app.bus.on(event, ({ pending }) => app.confirmations.settledElsewhere(pending)));
    }
  }
  if (opts.redis) {
    stopFanout = startFanout(app.bus, opts.redis.pub, opts.redis.sub, {
      instanceId: opts.redis.instanceId,
      onRemote: {
        'rules.changed': async (change) => {
          await app.policy.reload();
          app.bus.emit('rules.changed', change);
        },
        'config.changed': () => runtime.reload(),
      },
      onError: (err) => app.log.warn({ err }, 'event fan-out failed; events stay local'),
    });
  }
  // Readiness of the shared parts: a load balancer or operator sees which one is away.
  app.get('/healthz/shared', async (_req, reply) => {
    const body = {
      store: isPostgresStore(store) ? (store.reachable ? 'ok' : 'unreachable') : 'local',
      redis: opts.redis ? (opts.redis.pub.status === 'ready' ? 'ok' : 'unreachable') : 'none',
      auditQueueDepth: store.audit.depth,
      rateLimitFallbacks: opts.counters.rateLimitFallbacks,
    };
    return reply.code(body.store === 'unreachable' || body.redis === 'unreachable' ? 503 : 200).send(body);
  });
  app.addHook('onClose', async () => {
    for (const off of offs) off();
    await stopFanout?.();
  });
}

export const scaleOutPlugin = fp(scaleOut, { name: 'aegis-scale-out', fastify: '5.x' });
