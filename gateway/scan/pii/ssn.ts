import { DASH, DIGIT, DOT, FEATURE_DIGIT, WORD, at, runEnd } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { DIGIT_RUN_ANCHOR } from '../digit-runs.js';
// Numbers the SSA published in advertising or reserved for it; never a person's.
const KNOWN_FAKE = new Set(['078051120', '219099999']);

/** SSA rules: area 001–899 except 666, group 01–99, serial 0001–9999. */
function validSsn(digits: string): boolean {
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  return !KNOWN_FAKE.has(digits) && !digits.startsWith('98765432');
}

function cleanEdges(text: string, start: number, end: number): boolean {
  if (at(text, start - 1, WORD | DOT | DASH) || text[start - 1] === '/') return false;
  return !at(text, end, WORD) && !('.-/'.includes(text[end] ?? ' ') && at(text, end + 1, DIGIT));
}

/** AAA-GG-SSSS or AAA GG SSSS (one separator kind) starting at digit group `g`, or -1. */
function shapeEnd(text: string, g: number): number {
  const sep = text[g + 3];
  if (runEnd(text, g, DIGIT, 4) !== g + 3 || (sep !== '-' && sep !== ' ')) return -1;
  if (runEnd(text, g + 4, DIGIT, 3) !== g + 6 || text[g + 6] !== sep) return -1;
  return runEnd(text, g + 7, DIGIT, 5) === g + 11 ? g + 11 : -1;
}

/** SSNs start a digit group in a shared digit run (digit-runs.ts). */
function find(text: string, emit: Emit, ctx: ScanContext): void {
  const groups = ctx.digitGroups();
  for (let k = 0; k < groups.length; k += 2) {
    const g = groups[k];
    const end = shapeEnd(text, g);
    if (end < 0 || !cleanEdges(text, g, end)) continue;
    const s = text.slice(g, end);
    if (validSsn(s.slice(0, 3) + s.slice(4, 6) + s.slice(7))) emit(g, end);
  }
}

export const ssn: Detector = {
  id: 'ssn',
  category: 'pii',
  kind: 'SSN',
  anchor: 'group starts in digit runs shaped AAA-GG-SSSS / AAA GG SSSS (one separator kind), clean boundaries; SSA area/group/serial ranges',
  patterns: [DIGIT_RUN_ANCHOR],
  minLength: 11,
  requires: FEATURE_DIGIT,
  find,
};
