import type { FastifyBaseLogger } from 'fastify';
import type { AuthParts } from '../auth/hooks.js';
import type { NonceRepo } from '../store/types.js';
import { RedisNonces } from '../redis/nonces.js';
import { SharedLimits } from '../redis/shared-limits.js';
import type { SharedRedis } from './plugin.js';

/** Counts of what fell back to per-instance behaviour while Redis was away (health and docs). */
export class ScaleCounters {
  rateLimitFallbacks = 0;
}

const WARN_EVERY_MS = 10_000;

/** What Redis shares between instances for the edge: signed requests' nonces (body/) and client limits (auth/). */
export interface SharedAuth {
  nonces: NonceRepo;
  limits: NonNullable<AuthParts['shared']>;
}

/** Nonces and limits through Redis; the limits fall back to per-instance buckets, counted and logged. */
export function sharedAuth(redis: SharedRedis, counters: ScaleCounters, log: FastifyBaseLogger): SharedAuth {
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
