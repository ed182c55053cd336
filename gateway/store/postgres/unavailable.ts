import { GatewayError } from '../../errors.js';
import { isUnavailable } from './pool.js';

/**
 * Runs one store call; a connection-level failure becomes 503 GW_ERR_STORE_UNAVAILABLE (fail closed:
 * the request that needed the durable write is refused). Statement errors pass through unchanged.
 */
export async function storeCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isUnavailable(err)) throw new GatewayError('GW_ERR_STORE_UNAVAILABLE', undefined, { cause: err, retryAfter: 1 });
    throw err;
  }
}
