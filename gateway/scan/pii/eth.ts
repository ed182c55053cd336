import { FEATURE_DIGIT, HEX, WORD, at, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';

// 0x + exactly 40 hex digits as a whole word (a 64-digit hash or key is a different thing).
// Found with indexOf("0x"), ~2x faster than the equivalent regex; the hex run is read in code.
const ANCHOR = '0x';
const ADDRESS_HEX = 40;
const ZERO_ADDRESS = '0x' + '0'.repeat(ADDRESS_HEX);

/** Checks the candidate at `start`; returns where the search resumes. */
function readAt(text: string, start: number, emit: Emit): number {
  if (at(text, start - 1, WORD)) return runEnd(text, start, WORD);
  const end = runEnd(text, start + 2, HEX, ADDRESS_HEX + 1);
  if (end - start - 2 !== ADDRESS_HEX || at(text, end, WORD)) return end;
  // The zero address is a protocol constant ("burn address"), not anybody's.
  if (!text.startsWith(ZERO_ADDRESS, start)) emit(start, end);
  return end;
}

function find(text: string, emit: Emit): void {
  let i = text.indexOf(ANCHOR);
  while (i !== -1) i = text.indexOf(ANCHOR, Math.max(i + 1, readAt(text, i, emit)));
}

export const eth: Detector = {
  id: 'eth',
  category: 'pii',
  kind: 'ETH',
  anchor: '`0x` + 40 hex digits as a whole word; not the zero address (EIP-55 case checksum needs keccak, not checked)',
  patterns: [],
  minLength: 42,
  requires: FEATURE_DIGIT,
  find,
};
