import { base58checkVersion } from '../checks/base58check.js';
import { segwitValid } from '../checks/bech32.js';
import { ALNUM, FEATURE_DIGIT, WORD, at, runEnd } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';

// Segwit addresses: 'bc1' + 11–71 bech32 chars, one case throughout, as a whole word. Found with
// indexOf like the base58 ones; segwitValid checks the charset, case and checksum.
const SEGWIT_MIN = 14;
const SEGWIT_MAX = 74;
const P2PKH = 0x00;
const P2SH = 0x05;
const BASE58_MAX = 35;

/**
 * Legacy P2PKH ('1…') / P2SH ('3…') base58 addresses are whole words of 26–35 chars: read from the
 * scan's shared long-word index (sampled, not a search for every '1' and '3' in the text).
 */
function findBase58(text: string, emit: Emit, ctx: ScanContext): void {
  const words = ctx.longWords();
  for (let w = 0; w < words.length; w += 2) {
    const start = words[w]!;
    const end = words[w + 1]!;
    const lead = text[start];
    if ((lead !== '1' && lead !== '3') || end - start > BASE58_MAX) continue;
    const version = base58checkVersion(text.slice(start, end));
    if (version === P2PKH || version === P2SH) emit(start, end);
  }
}

/** Segwit address starting at `start` ('bc1'/'BC1'); returns where the search resumes. */
function readSegwit(text: string, start: number, emit: Emit): number {
  const end = runEnd(text, start, ALNUM);
  if (at(text, start - 1, WORD) || at(text, end, WORD)) return end;
  const length = end - start;
  if (length >= SEGWIT_MIN && length <= SEGWIT_MAX && segwitValid(text.slice(start, end), 'bc')) emit(start, end);
  return end;
}

function find(text: string, emit: Emit, ctx: ScanContext): void {
  findBase58(text, emit, ctx);
  for (const lead of ['bc1', 'BC1']) {
    let i = text.indexOf(lead);
    while (i !== -1) i = text.indexOf(lead, Math.max(i + 1, readSegwit(text, i, emit)));
  }
}

export const btc: Detector = {
  id: 'btc',
  category: 'pii',
  kind: 'BTC',
  anchor: 'a whole word of 26–35 base58 chars starting `1`/`3` (shared long-word index), or `bc1`/`BC1` + bech32 chars (indexOf); base58check or bech32/bech32m checksum',
  patterns: [],
  minLength: 14,
  requires: FEATURE_DIGIT,
  find,
};
