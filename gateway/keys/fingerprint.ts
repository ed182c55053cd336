import { createHmac } from 'node:crypto';
import type { Keys } from './subkeys.js';

/**
 * A short, non-secret name for a master key: instances sharing one store compare it at start, so an
 * instance with another key (which would mint other placeholders and fail to decrypt the vault)
 * refuses to start instead. Derived from a subkey by HMAC, so it reveals nothing about the key.
 */
export function keyFingerprint(keys: Keys): string {
  return createHmac('sha256', keys.valueHash).update('aegisgate/v1/key-fingerprint').digest('hex').slice(0, 16);
}
