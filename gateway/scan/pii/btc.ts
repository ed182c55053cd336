import { base58checkVersion } from '../checks/base58check.js';
import { segwitValid } from '../checks/bech32.js';
import { ALNUM, FEATURE_DIGIT, WORD, at, is, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';

// Segwit 'bc1…' in bech32, one case throughout, as a whole word.
const BECH32 = /(?<!\w)(?:bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?!\w)/g;
const P2PKH = 0x00;
const P2SH = 0x05;
const BASE58_MIN = 26;
const BASE58_MAX = 35;
const NOT_BASE58 = new Set(['0', 'O', 'I', 'l']);

/**
 * Legacy P2PKH ('1…') / P2SH ('3…') base58 address starting at `start`; returns where the search
 * resumes. Found with indexOf on '1' and '3' rather than a regex: a class-led regex scans every
 * position, while most '1'/'3' are inside numbers and rejected by one look at the char before.
 */
function readBase58(text: string, start: number, emit: Emit): number {
  // Inside a word or number: no '1'/'3' up to its end can start an address either.
  if (at(text, start - 1, WORD)) return runEnd(text, start, WORD);
  let end = start + 1;
  const limit = Math.min(text.length, start + BASE58_MAX + 1);
  while (end < limit && is(text.charCodeAt(end), ALNUM) && !NOT_BASE58.has(text[end])) end++;
  const length = end - start;
  if (length < BASE58_MIN || length > BASE58_MAX || at(text, end, WORD)) return end;
  const version = base58checkVersion(text.slice(start, end));
  if (version === P2PKH || version === P2SH) emit(start, end);
  return end;
}

function find(text: string, emit: Emit): void {
  for (const lead of ['1', '3']) {
    let i = text.indexOf(lead);
    while (i !== -1) i = text.indexOf(lead, Math.max(i + 1, readBase58(text, i, emit)));
  }
  BECH32.lastIndex = 0;
  for (let m = BECH32.exec(text); m !== null; m = BECH32.exec(text)) {
    if (segwitValid(m[0], 'bc')) emit(m.index, m.index + m[0].length);
  }
}

export const btc: Detector = {
  id: 'btc',
  category: 'pii',
  kind: 'BTC',
  anchor: '`1`/`3` + 25–34 base58 chars, or `bc1` + bech32 chars, as a whole word; base58check or bech32/bech32m checksum',
  patterns: [BECH32],
  minLength: 14,
  requires: FEATURE_DIGIT,
  find,
};
