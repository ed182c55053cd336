import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit nonce per message. Layout: version(1) | nonce(12) | ciphertext | tag(16).
 * Random nonces are safe here: far fewer than 2^32 messages are ever sealed under one subkey.
 * The AAD binds a ciphertext to its row (scope+placeholder, provider name), so a sealed value copied
 * into another row fails to open instead of decrypting as the wrong secret.
 */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;

export function seal(key: KeyObject, plaintext: string | Buffer, aad: string | Buffer): Buffer {
  return sealWith(key, randomBytes(NONCE_BYTES), plaintext, aad);
}

/**
 * `seal` for many messages with one random draw for all their nonces: a draw per value was the
 * largest single cost of redacting thousands of values. Each nonce is still 96 fresh random bits.
 */
export function sealAll(key: KeyObject, messages: readonly { plaintext: string | Buffer; aad: string | Buffer }[]): Buffer[] {
  const nonces = randomBytes(NONCE_BYTES * messages.length);
  return messages.map((m, i) => sealWith(key, nonces.subarray(i * NONCE_BYTES, (i + 1) * NONCE_BYTES), m.plaintext, m.aad));
}

function sealWith(key: KeyObject, nonce: Buffer, plaintext: string | Buffer, aad: string | Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]);
}

/** Throws when the key, AAD or bytes do not match: tampering is never silently ignored. */
export function open(key: KeyObject, sealed: Uint8Array, aad: string | Buffer): Buffer {
  const buf = Buffer.isBuffer(sealed) ? sealed : Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (buf.length < HEADER_BYTES + TAG_BYTES || buf[0] !== VERSION) throw new Error('sealed value has an unknown format');
  const nonce = buf.subarray(1, HEADER_BYTES);
  const tag = buf.subarray(buf.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(typeof aad === 'string' ? Buffer.from(aad, 'utf8') : aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(buf.subarray(HEADER_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}

export function openString(key: KeyObject, sealed: Uint8Array, aad: string | Buffer): string {
  return open(key, sealed, aad).toString('utf8');
}
