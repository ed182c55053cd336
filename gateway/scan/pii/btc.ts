import { base58checkVersion } from '../checks/base58check.js';
import { segwitValid } from '../checks/bech32.js';
import { ALNUM, FEATURE_DIGIT, WORD, at, is, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';

// Segwit addresses: 'bc1' + 11–71 bech32 chars, one case throughout, as a whole word. Found with
// indexOf like the base58 ones; segwitValid checks the charset, case and checksum.
const SEGWIT_MIN = 14;
const SEGWIT_MAX = 74;
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

/** Segwit address starting at `start` ('bc1'/'BC1'); returns where the search resumes. */
function readSegwit(text: string, start: number, emit: Emit): number {
  const end = runEnd(text, start, ALNUM);
  if (at(text, start - 1, WORD) || at(text, end, WORD)) return end;
  const length = end - start;
  if (length >= SEGWIT_MIN && length <= SEGWIT_MAX && segwitValid(text.slice(start, end), 'bc')) emit(start, end);
  return end;
}

function find(text: string, emit: Emit): void {
  for (const lead of ['1', '3']) {
    let i = text.indexOf(lead);
    while (i !== -1) i = text.indexOf(lead, Math.max(i + 1, readBase58(text, i, emit)));
  }
  for (const lead of ['bc1', 'BC1']) {
    let i = text.indexOf(lead);
    while (i !== -1) i = text.indexOf(lead, Math.max(i + 1, readSegwit(text, i, emit)));
  }
}

export const btc: Detector = {
  id: 'btc',
  category: 'pii',
  kind: 'BTC',
  anchor: '`1`/`3` + 25–34 base58 chars, or `bc1`/`BC1` + bech32 chars (indexOf), as a whole word; base58check or bech32/bech32m checksum',
  patterns: [],
  minLength: 14,
  requires: FEATURE_DIGIT,
  find,
};
