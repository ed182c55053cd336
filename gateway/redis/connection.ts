import { Redis } from 'ioredis';

/**
 * ioredis, because it ships Lua script helpers (defineCommand runs EVALSHA and falls back to EVAL)
 * and reconnects on its own, and it runs on Node 20 (node-redis 5 also does; ioredis 5 is the one
 * pinned). Commands fail at once while disconnected (no offline queue): a nonce check must fail
 * closed now, not wait for a reconnect. Reconnection goes on forever, so Redis coming back needs no
 * restart.
 */
export function connectRedis(url: string, onError: (err: unknown) => void): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 100, 1000),
    lazyConnect: true,
  });
  redis.on('error', onError);
  return redis;
}

/** Waits until the connection is ready, up to `timeoutMs`; false when it is not (the gateway starts degraded). */
export async function whenReady(redis: Redis, timeoutMs = 5000): Promise<boolean> {
  if (redis.status === 'ready') return true;
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(false), timeoutMs);
    const onReady = () => finish(true);
    function finish(ok: boolean) {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ok);
    }
    redis.once('ready', onReady);
  });
}
