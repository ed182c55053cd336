import { DASH, DIGIT, DOT, FEATURE_DIGIT, WORD, at } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';

// AAA-GG-SSSS or AAA GG SSSS; same separator and clean boundaries are checked in code.
const PATTERN = /\d\d\d[- ]\d\d[- ]\d\d\d\d/g;
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

function find(text: string, emit: Emit): void {
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m !== null; m = PATTERN.exec(text)) {
    const s = m[0];
    const end = m.index + 11;
    if (s[3] !== s[6] || !cleanEdges(text, m.index, end)) {
      resumeAt(PATTERN, m, m.index + 1);
      continue;
    }
    if (validSsn(s.slice(0, 3) + s.slice(4, 6) + s.slice(7))) emit(m.index, end);
  }
}

export const ssn: Detector = {
  id: 'ssn',
  category: 'pii',
  kind: 'SSN',
  anchor: 'AAA-GG-SSSS / AAA GG SSSS (one separator kind) with clean boundaries; SSA area/group/serial ranges',
  patterns: [PATTERN],
  minLength: 11,
  requires: FEATURE_DIGIT,
  find,
};
