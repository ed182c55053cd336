import { countrySpecs, isValidIBAN } from 'ibantools';
import { ALNUM, DIGIT, FEATURE_DIGIT, FEATURE_UPPER, UPPER, at, is } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { DIGIT_RUN_ANCHOR } from '../digit-runs.js';

// Every IBAN holds a shared digit run (nine digits close together, digit-runs.ts) that starts at
// most LOOK_BACK chars after its country code: "DE89 3704…" at once, "GB82 WEST 1234…" after the
// bank code. Candidates are word-start "CCdd" within that distance before each run.
const LOOK_BACK = 12;

/**
 * Reads exactly the IBAN length of the country (from ibantools' registry), compact or in groups
 * of four separated by single spaces, and returns its end, or -1 when the shape does not fit.
 */
function readIban(text: string, start: number, length: number): { end: number; compact: string } | -1 {
  let compact = '';
  let i = start;
  let group = 0;
  while (compact.length < length && i < text.length) {
    const c = text.charCodeAt(i);
    if (is(c, UPPER | DIGIT)) {
      compact += text[i];
      group++;
      i++;
    } else if (c === 32 && group === 4 && at(text, i + 1, UPPER | DIGIT)) {
      group = 0;
      i++;
    } else {
      return -1;
    }
  }
  if (compact.length !== length || at(text, i, ALNUM)) return -1;
  return { end: i, compact };
}

/** ISO 7064 mod 97-10 over the rearranged IBAN, digit by digit: a cheap reject before ibantools. */
function mod97(iban: string): number {
  let rest = 0;
  for (let k = 0; k < iban.length; k++) {
    const c = iban.charCodeAt((k + 4) % iban.length);
    const v = c <= 57 ? c - 48 : c - 55;
    rest = (v > 9 ? rest * 100 + v : rest * 10 + v) % 97;
  }
  return rest;
}

/** "CCdd" at a word start. */
function ibanHead(text: string, p: number): boolean {
  return at(text, p, UPPER) && at(text, p + 1, UPPER) && at(text, p + 2, DIGIT) && at(text, p + 3, DIGIT) && !at(text, p - 1, ALNUM);
}

function find(text: string, emit: Emit, ctx: ScanContext): void {
  const runs = ctx.digitRuns();
  let floor = 0;
  for (let r = 0; r < runs.length; r += 2) {
    for (let p = Math.max(floor, runs[r] - LOOK_BACK); p < runs[r]; p++) {
      if (!ibanHead(text, p)) continue;
      const length = countrySpecs[text.slice(p, p + 2)]?.chars;
      const iban = length ? readIban(text, p, length) : -1;
      if (iban === -1 || mod97(iban.compact) !== 1 || !isValidIBAN(iban.compact)) continue;
      emit(p, iban.end);
      floor = iban.end;
      break;
    }
  }
}

export const iban: Detector = {
  id: 'iban',
  category: 'pii',
  kind: 'IBAN',
  anchor: 'two capitals + two digits at a word start, ≤ 12 chars before a digit run; exact country length (compact or groups of 4), mod-97, ibantools (BBAN format)',
  patterns: [DIGIT_RUN_ANCHOR],
  minLength: 15,
  requires: FEATURE_DIGIT | FEATURE_UPPER,
  find,
};
