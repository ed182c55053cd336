import type { Redis } from 'ioredis';
import type { RateLimits } from '../auth/client-limits.js';
import { perMinute, retryAfterSeconds } from '../auth/token-bucket.js';
import { GatewayError } from '../errors.js';

/**
 * One client's token bucket and in-flight count in a Redis hash, checked and taken in one Lua script,
 * so N instances share one limit with no race. Time is Redis's own (TIME), so instance clocks need
 * not agree. Only commands Redis 7 and Valkey share: HMGET, HSET, HINCRBY, PEXPIRE, TIME.
 */
const SCRIPT = `
local key = KEYS[1]
if ARGV[1] == 'release' then
  if redis.call('HINCRBY', key, 'inflight', -1) < 0 then redis.call('HSET', key, 'inflight', 0) end
  return {1, 0}
end
local capacity = tonumber(ARGV[2])
local perMs = tonumber(ARGV[3])
local concurrent = tonumber(ARGV[4])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local v = redis.call('HMGET', key, 'tokens', 'at', 'inflight')
local tokens = tonumber(v[1]) or capacity
local at = tonumber(v[2]) or now
local inflight = tonumber(v[3]) or 0
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * perMs)
  at = now
elseif tokens > capacity then
  tokens = capacity
end
if inflight >= concurrent then return {-1, 1000} end
if tokens < 1 then return {-2, math.ceil((1 - tokens) / perMs)} end
redis.call('HSET', key, 'tokens', tostring(tokens - 1), 'at', tostring(at), 'inflight', inflight + 1)
redis.call('PEXPIRE', key, ARGV[5])
return {1, 0}
`;

type LimitRedis = Redis & { aegisLimit(key: string, op: string, capacity: number, perMs: string, concurrent: number, ttlMs: number): Promise<[number, number]> };

/** A bucket untouched this long is dropped by Redis; a killed instance's in-flight counts go with it. */
const IDLE_TTL_MS = 10 * 60_000;

export class SharedLimits {
  readonly #redis: LimitRedis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix = 'aegis:limit:') {
    redis.defineCommand('aegisLimit', { numberOfKeys: 1, lua: SCRIPT });
    this.#redis = redis as LimitRedis;
    this.#prefix = prefix;
  }

  /**
   * Admits one request of `client`, resolving with its release; rejects with GW_ERR_RATE_LIMITED or
   * GW_ERR_CONCURRENCY_LIMITED, or with Redis's own error when it is unreachable (the caller falls back).
   */
  async acquire(client: string, limits: RateLimits): Promise<() => void> {
    const key = this.#prefix + client;
    const [ok, waitMs] = await this.#redis.aegisLimit(
      key, 'acquire', limits.burst, String(perMinute(limits.requestsPerMinute)), limits.concurrent, IDLE_TTL_MS);
    if (ok === -1) throw new GatewayError('GW_ERR_CONCURRENCY_LIMITED', `limit is ${limits.concurrent}`, { retryAfter: 1 });
    if (ok === -2) {
      throw new GatewayError('GW_ERR_RATE_LIMITED', `limit is ${limits.requestsPerMinute} per minute, burst ${limits.burst}`, {
        retryAfter: retryAfterSeconds(waitMs),
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Best effort: if Redis is away now, the count clears with the key's idle expiry.
      this.#redis.aegisLimit(key, 'release', 0, '0', 0, IDLE_TTL_MS).catch(() => undefined);
    };
  }
}
