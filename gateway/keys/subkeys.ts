import { createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';

/**
 * One master key, one HKDF-SHA256 subkey per purpose, so a key used for HMAC never doubles as an
 * encryption key and a leak of one purpose's key says nothing about the others.
 */
export const KEY_PURPOSES = ['vault', 'provider-keys', 'placeholder', 'value-hash'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export interface Keys {
  /** AES-256-GCM key for vault values (placeholder → original). */
  readonly vault: KeyObject;
  /** AES-256-GCM key for managed provider API keys. */
  readonly providerKeys: KeyObject;
  /** HMAC-SHA256 key that derives placeholder ids from values. */
  readonly placeholder: KeyObject;
  /** HMAC-SHA256 key for keyed hashes of values kept in rules and audit. */
  readonly valueHash: KeyObject;
}

export const MASTER_KEY_BYTES = 32;

export function deriveSubkey(master: Buffer, purpose: KeyPurpose): KeyObject {
  if (master.length !== MASTER_KEY_BYTES) throw new Error(`master key must be ${MASTER_KEY_BYTES} bytes`);
  const okm = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `aegisgate/v1/${purpose}`, 32));
  const key = createSecretKey(okm);
  okm.fill(0);
  return key;
}

export function deriveKeys(master: Buffer): Keys {
  return Object.freeze({
    vault: deriveSubkey(master, 'vault'),
    providerKeys: deriveSubkey(master, 'provider-keys'),
    placeholder: deriveSubkey(master, 'placeholder'),
    valueHash: deriveSubkey(master, 'value-hash'),
  });
}
