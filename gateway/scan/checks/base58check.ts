import { createHash } from 'node:crypto';

// Hand-written: no base58 package is a dependency, and decoding one candidate is a few lines.
const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;
const CHECKSUM = 4;

/** Decodes base58 into exactly `size` bytes, or null when the value does not fit or a char is invalid. */
function decode(s: string, size: number): Uint8Array | null {
  const out = new Uint8Array(size);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let carry = c < 128 ? VALUE[c] : -1;
    if (carry < 0) return null;
    for (let j = size - 1; j >= 0; j--) {
      carry += out[j] * 58;
      out[j] = carry & 0xff;
      carry >>= 8;
    }
    if (carry !== 0) return null;
  }
  return out;
}

/**
 * The payload of a base58check string that decodes to exactly `size` bytes (payload + 4-byte
 * double-SHA-256 checksum), or null when it does not, is not canonical, or the checksum fails.
 */
export function base58checkPayload(s: string, size: number): Uint8Array | null {
  const bytes = decode(s, size);
  if (bytes === null) return null;
  // Leading '1's encode leading zero bytes; a mismatch means the string is not canonical.
  let zeros = 0;
  while (zeros < s.length && s[zeros] === '1') zeros++;
  let leading = 0;
  while (leading < bytes.length && bytes[leading] === 0) leading++;
  if (zeros !== leading) return null;
  const body = bytes.subarray(0, size - CHECKSUM);
  const first = createHash('sha256').update(body).digest();
  const second = createHash('sha256').update(first).digest();
  for (let i = 0; i < CHECKSUM; i++) if (second[i] !== bytes[size - CHECKSUM + i]) return null;
  return body;
}

/** A 25-byte base58check payload (version + 20-byte hash + 4-byte checksum): its version byte, or null. */
export function base58checkVersion(s: string): number | null {
  return base58checkPayload(s, 25)?.[0] ?? null;
}
