// Wallet secrets for tests, built from fixed bytes at load (no key-shaped literal in the source):
// WIF keys and BIP-32 extended private keys with real base58check checksums, BIP-39 phrases with
// real checksums, and near misses that must not be reported.
import { createHash } from 'node:crypto';
import { entropyToMnemonic, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest();

export function base58check(payload: Uint8Array): string {
  const check = sha256(sha256(payload)).subarray(0, 4);
  return base58(Buffer.concat([payload, check]));
}

/** Deterministic bytes: sha256 chained from a seed. */
export function bytes(n: number, seed: number): Uint8Array {
  const out = Buffer.alloc(n);
  let block = sha256(Buffer.from(`seed-${seed}`));
  for (let i = 0; i < n; i += 32) {
    block.copy(out, i, 0, Math.min(32, n - i));
    block = sha256(block);
  }
  return out;
}

/** A WIF private key: mainnet (0x80) or testnet (0xEF), compressed (52 chars) or not (51). */
export function wif(seed: number, opts: { compressed?: boolean; testnet?: boolean } = {}): string {
  const version = opts.testnet ? 0xef : 0x80;
  const parts = [Uint8Array.of(version), bytes(32, seed)];
  if (opts.compressed !== false) parts.push(Uint8Array.of(0x01));
  return base58check(Buffer.concat(parts));
}

const XPRV_VERSIONS = { xprv: 0x0488ade4, tprv: 0x04358394, zprv: 0x04b2430c } as const;

/** A BIP-32 extended private key (111 chars). */
export function xprv(seed: number, kind: keyof typeof XPRV_VERSIONS = 'xprv'): string {
  const payload = Buffer.alloc(78);
  payload.writeUInt32BE(XPRV_VERSIONS[kind], 0);
  payload[4] = 0; // depth
  Buffer.from(bytes(32, seed + 1)).copy(payload, 13); // chain code
  payload[45] = 0x00;
  Buffer.from(bytes(32, seed)).copy(payload, 46);
  return base58check(payload);
}

/** A valid BIP-39 phrase of `words` (12–24) words. */
export function mnemonic(seed: number, words: 12 | 15 | 18 | 21 | 24 = 12): string {
  return entropyToMnemonic(bytes((words / 3) * 4, seed), wordlist);
}

/** The same words with the last one changed, so the checksum fails. */
export function badChecksum(phrase: string): string {
  const words = phrase.split(' ');
  const last = wordlist.indexOf(words.at(-1)!);
  for (let k = 1; ; k++) {
    words[words.length - 1] = wordlist[(last + k) % wordlist.length]!;
    if (!validateMnemonic(words.join(' '), wordlist)) return words.join(' ');
  }
}
