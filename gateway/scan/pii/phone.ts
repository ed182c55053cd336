import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { DASH, DIGIT, DOT, FEATURE_DIGIT, WORD, at } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { DIGIT_RUN_ANCHOR } from '../digit-runs.js';
import { readPhoneShape, type PhoneShape } from './phone-shape.js';

// Candidates come from the shared digit runs (nine digits close together, digit-runs.ts); each
// group start in a run is tried, with a `+`, `(` or short country code/trunk prefix before it.
const CN_MOBILE = /^1[3-9]/;
const NOT_DOT = /[^.]/;
// Unseparated 0-prefixed runs are mostly ids ('0123456789'); only mobile prefixes are written that way:
// UK 07, FR 06/07, DE 015x–017x.
const BARE_MOBILE = /^0(?:[67]|1[5-7])/;
const ZERO_PREFIXED: readonly CountryCode[] = ['GB', 'DE', 'FR'];

function sameGroups(groups: number[], shape: readonly number[]): boolean {
  return groups.length === shape.length && groups.every((g, i) => g === shape[i]);
}

/**
 * Which countries' rules the shape could be written in, before asking libphonenumber (which runs
 * at a few MB/s, so only on candidates): E.164, NANP 3-3-4, 0-prefixed UK/DE/FR, CN mobile.
 */
function countriesFor(s: PhoneShape): readonly (CountryCode | undefined)[] {
  const n = s.digits.length;
  if (s.international) return n >= 8 && n <= 15 ? [undefined] : [];
  if (s.separators.includes('.') && NOT_DOT.test(s.separators)) return [];
  if ((n === 10 && sameGroups(s.groups, [3, 3, 4])) || (n === 11 && s.digits[0] === '1' && sameGroups(s.groups, [1, 3, 3, 4]))) {
    return ['US'];
  }
  if (n === 11 && CN_MOBILE.test(s.digits) && (s.groups.length === 1 || sameGroups(s.groups, [3, 4, 4]))) return ['CN'];
  if (s.digits[0] === '0' && s.digits[1] !== '0' && n >= 10 && n <= 12 && s.groups.every((g) => g >= 2)) {
    return s.groups.length > 1 || BARE_MOBILE.test(s.digits) ? ZERO_PREFIXED : [];
  }
  return [];
}

const isSeparator = (c: string | undefined): boolean => c === ' ' || c === '-' || c === '.' || c === '/';

/** Where the number may really start: before "(", a 1–3 digit country code or trunk prefix, and "+". */
function extendedStart(text: string, i: number): number {
  let j = i;
  if (text[j - 1] === '(') j--;
  if (isSeparator(text[j - 1])) {
    let k = j - 1;
    while (k > j - 4 && at(text, k - 1, DIGIT)) k--;
    if (k < j - 1 && !at(text, k - 1, DIGIT)) j = k;
  }
  return text[j - 1] === '+' ? j - 1 : j;
}

/** Not glued to a word, a longer number, a version, a path or a `$`/`#` reference. */
function cleanStart(text: string, start: number): boolean {
  return !at(text, start - 1, WORD | DOT | DASH) && !'+/#$'.includes(text[start - 1] || ' ');
}

function validAt(text: string, start: number): number {
  if (!cleanStart(text, start)) return -1;
  const shape = readPhoneShape(text, start);
  if (shape === null) return -1;
  const candidate = text.slice(start, shape.end);
  for (const country of countriesFor(shape)) {
    if (parsePhoneNumberFromString(candidate, country)?.isValid()) return shape.end;
  }
  return -1;
}

function find(text: string, emit: Emit, ctx: ScanContext): void {
  const groups = ctx.digitGroups();
  let reportedUpTo = 0;
  for (let k = 0; k < groups.length; k += 2) {
    const g = groups[k];
    if (g < reportedUpTo) continue;
    const wide = extendedStart(text, g);
    // A prefix that does not fit ("order 12 415-555-2671") must not hide the number itself.
    let start = wide;
    let end = validAt(text, wide);
    if (end < 0 && wide !== g) end = validAt(text, (start = g));
    if (end > 0) {
      emit(start, end);
      reportedUpTo = end;
    }
  }
}

export const phone: Detector = {
  id: 'phone',
  category: 'pii',
  kind: 'PHONE',
  anchor: 'group starts in digit runs (9 digits, ≤ 2 separators between each); `+`/`(`/country code picked up; shape rules, then libphonenumber-js (max metadata)',
  patterns: [DIGIT_RUN_ANCHOR, CN_MOBILE, NOT_DOT, BARE_MOBILE],
  minLength: 10,
  requires: FEATURE_DIGIT,
  find,
};
