import type { FastifyBaseLogger } from 'fastify';
import type { AuthPluginOptions } from '../auth/plugin.js';
import { RedisNonces } from '../redis/nonces.js';
import { SharedLimits } from '../redis/shared-limits.js';
import type { SharedRedis } from './plugin.js';

/** Counts of what fell back to per-instance behaviour while Redis was away (health and docs). */
export class ScaleCounters {
  rateLimitFallbacks = 0;
}

const WARN_EVERY_MS = 10_000;

/** Nonces and limits through Redis; the limits fall back to per-instance buckets, counted and logged. */
export function sharedAuth(redis: SharedRedis, counters: ScaleCounters, log: FastifyBaseLogger): NonNullable<AuthPluginOptions['shared']> {
  const limits = new SharedLimits(redis.pub);
  let warnedAt = -Infinity;
  return {
    nonces: new RedisNonces(redis.pub),
    limits: {
      acquire: (client, rate) => limits.acquire(client, rate),
      onFallback: (err) => {
        counters.rateLimitFallbacks++;
        const now = Date.now();
        if (now - warnedAt < WARN_EVERY_MS) return;
        warnedAt = now;
        log.warn({ err, fallbacks: counters.rateLimitFallbacks }, 'Redis unreachable: rate limits fall back to this instance');
      },
    },
  };
}
