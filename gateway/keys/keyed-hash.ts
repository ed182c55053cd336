import { createHmac, type KeyObject } from 'node:crypto';

/**
 * A keyed hash of a value (HMAC-SHA256, base64url). Rules and audit keep these instead of values:
 * without the key, a short or guessable value cannot be recovered by hashing candidates.
 */
export function keyedHash(key: KeyObject, value: string | Buffer): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}
