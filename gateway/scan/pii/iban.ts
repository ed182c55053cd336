import { countrySpecs, isValidIBAN } from 'ibantools';
import { ALNUM, DIGIT, FEATURE_DIGIT, FEATURE_UPPER, UPPER, at, is } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';

// Country code and check digits at the start of a word: "DE89", "GB82".
const ANCHOR = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}/g;

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

function find(text: string, emit: Emit): void {
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const length = countrySpecs[m[0].slice(0, 2)]?.chars;
    const iban = length ? readIban(text, m.index, length) : -1;
    if (iban === -1 || mod97(iban.compact) !== 1 || !isValidIBAN(iban.compact)) continue;
    emit(m.index, iban.end);
    resumeAt(ANCHOR, m, iban.end);
  }
}

export const iban: Detector = {
  id: 'iban',
  category: 'pii',
  kind: 'IBAN',
  anchor: 'two capitals + two digits at a word start; exact country length (compact or groups of 4), ibantools (BBAN format + mod-97)',
  patterns: [ANCHOR],
  minLength: 15,
  requires: FEATURE_DIGIT | FEATURE_UPPER,
  find,
};
