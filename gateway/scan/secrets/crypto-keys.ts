import { base58checkPayload } from '../checks/base58check.js';
import { ALNUM } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { distinctChars, prefixedToken } from './prefixed-token.js';

// Wallet private keys in base58check: WIF (a single key) and BIP-32 extended private keys (a whole
// wallet tree). Both are whole words, read from the scan's shared long-word index; the checksum and
// the version bytes decide, so a random base58 word of the same length is never reported.

/** WIF: version 0x80 (mainnet) / 0xEF (testnet) + 32-byte key (+ 0x01 when compressed) + checksum. */
const WIF_VERSIONS = new Set([0x80, 0xef]);
const WIF_LEADS = new Set(['5', 'K', 'L', '9', 'c']);

function isWif(word: string): boolean {
  if (!WIF_LEADS.has(word[0]!)) return false;
  if (word.length === 51) return WIF_VERSIONS.has(base58checkPayload(word, 37)?.[0] ?? -1);
  if (word.length !== 52) return false;
  const payload = base58checkPayload(word, 38);
  return payload !== null && WIF_VERSIONS.has(payload[0]!) && payload[33] === 0x01;
}

/**
 * BIP-32/49/84 extended private keys (xprv, tprv, yprv, zprv, uprv, vprv, Yprv, Zprv, Uprv, Vprv):
 * 4 version bytes, depth, parent fingerprint, child number, chain code, 0x00 + 32-byte key.
 */
const XPRV_VERSIONS = new Set([
  0x0488ade4, 0x04358394, 0x049d7878, 0x044a4e28, 0x04b2430c, 0x045f18bc, 0x0295b005, 0x024285b5, 0x02aa7a99, 0x02575048,
]);
const XPRV_LENGTH = 111;
const XPRV_BYTES = 82;

function isXprv(word: string): boolean {
  if (word.length !== XPRV_LENGTH || !word.startsWith('prv', 1)) return false;
  const payload = base58checkPayload(word, XPRV_BYTES);
  if (payload === null || payload[45] !== 0x00) return false;
  const version = ((payload[0]! << 24) | (payload[1]! << 16) | (payload[2]! << 8) | payload[3]!) >>> 0;
  return XPRV_VERSIONS.has(version);
}

function find(text: string, emit: Emit, ctx: ScanContext): void {
  const words = ctx.longWords();
  for (let w = 0; w < words.length; w += 2) {
    const start = words[w]!;
    const end = words[w + 1]!;
    const length = end - start;
    if (length !== 51 && length !== 52 && length !== XPRV_LENGTH) continue;
    const word = text.slice(start, end);
    if (isWif(word) || isXprv(word)) emit(start, end);
  }
}

export const cryptoPrivateKey: Detector = {
  id: 'crypto-private-key',
  category: 'secret',
  kind: 'CRYPTO_KEY',
  anchor: 'whole words of 51–52 base58 chars starting `5`/`K`/`L` (`9`/`c` testnet) or 111 starting `xprv`/`tprv`/`yprv`/`zprv`/… (shared long-word index); base58check checksum, WIF or BIP-32 version bytes',
  patterns: [],
  minLength: 51,
  requires: 0,
  find,
};

// age (file encryption) identities: `AGE-SECRET-KEY-1` + 58 uppercase bech32 characters.
export const ageSecretKey = prefixedToken({
  id: 'age-secret-key',
  kind: 'AGE_KEY',
  anchor: '`AGE-SECRET-KEY-1` + 58 uppercase bech32 chars (age file encryption identity)',
  prefixes: [{ prefix: 'AGE-SECRET-KEY-', body: ALNUM, min: 59, max: 59, validate: (b) => b[0] === '1' && isBech32Upper(b.slice(1)) && distinctChars(b) >= 12 }],
});

const BECH32_UPPER = 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L';
function isBech32Upper(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!BECH32_UPPER.includes(s[i]!)) return false;
  return true;
}
