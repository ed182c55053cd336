import type { Redis } from 'ioredis';
import { GatewayError } from '../errors.js';
import type { NonceRepo } from '../store/types.js';

/**
 * Signing nonces shared by every instance: `SET key 1 PX ttl NX` succeeds for the first use only,
 * wherever it lands, and expires when the signed timestamp leaves the window. When Redis is
 * unreachable a signed request cannot be checked for replay, so it is refused (fail closed).
 */
export class RedisNonces implements NonceRepo {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(redis: Redis, options: { prefix?: string; now?: () => number } = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'aegis:nonce:';
    this.#now = options.now ?? Date.now;
  }

  async insertIfAbsent(nonce: string, expiresAt: number): Promise<boolean> {
    const ttl = Math.max(1, expiresAt - this.#now());
    try {
      return (await this.#redis.set(this.#prefix + nonce, '1', 'PX', ttl, 'NX')) === 'OK';
    } catch (err) {
      throw new GatewayError('GW_ERR_NONCE_STORE_UNAVAILABLE', undefined, { cause: err, retryAfter: 1 });
    }
  }
}
