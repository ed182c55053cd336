import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { DASH, DIGIT, DOT, FEATURE_DIGIT, WORD, at, runEnd } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';
import { readPhoneShape, type PhoneShape } from './phone-shape.js';

// Nine digits with at most two separator chars between each: every supported format has that
// many. Explicit atoms keep V8's Boyer-Moore skip effective; `+`, `(` and a short country code or
// trunk prefix before the match are picked up in code.
const SEP = '[ .\\-/()]{0,2}';
const ANCHOR = new RegExp('\\d\\d' + (SEP + '\\d').repeat(7), 'g');
const CN_MOBILE = /^1[3-9]/;
const NOT_DOT = /[^.]/;
// Unseparated 0-prefixed runs are mostly ids ('0123456789'); only mobile prefixes are written that way:
// UK 07, FR 06/07, DE 015x–017x.
const BARE_MOBILE = /^0(?:[67]|1[5-7])/;
const ZERO_PREFIXED: readonly CountryCode[] = ['GB', 'DE', 'FR'];
// A run of digits and separators longer than this holds no phone number we can delimit.
const RUN_CHARS = new Set([...'0123456789 -./()']);
const MAX_RUN = 32;
const MAX_BARE_DIGITS = 12;

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

function find(text: string, emit: Emit): void {
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    // A bare run of more than 12 digits (epoch ms, ids) is no phone number: skip it whole.
    const digitsEnd = runEnd(text, m.index, DIGIT, MAX_BARE_DIGITS + 1);
    if (digitsEnd - m.index > MAX_BARE_DIGITS) {
      resumeAt(ANCHOR, m, runEnd(text, digitsEnd, DIGIT));
      continue;
    }
    const wide = extendedStart(text, m.index);
    // A prefix that does not fit ("order 12 415-555-2671") must not hide the number itself.
    let start = wide;
    let end = validAt(text, wide);
    if (end < 0 && wide !== m.index) end = validAt(text, (start = m.index));
    if (end > 0) emit(start, end);
    resumeAt(ANCHOR, m, end > 0 ? end : retryFrom(text, m.index));
  }
}

/**
 * Where to look next after a failed candidate at `i`: the next digit group, so "12 415-555-2671" is
 * retried at "415"; but past the whole run when it is longer than any phone number (long digit
 * groups, dates joined by dashes), so each character is looked at a bounded number of times.
 */
function retryFrom(text: string, i: number): number {
  let end = i;
  while (end < text.length && RUN_CHARS.has(text[end])) end++;
  if (end - i > MAX_RUN) return end;
  let j = i;
  while (at(text, j, DIGIT)) j++;
  return j + 1;
}

export const phone: Detector = {
  id: 'phone',
  category: 'pii',
  kind: 'PHONE',
  anchor: '9 digits with ≤ 2 separators between each; `+`/`(`/country code picked up; shape rules, then libphonenumber-js (max metadata)',
  patterns: [ANCHOR, CN_MOBILE, NOT_DOT, BARE_MOBILE],
  minLength: 10,
  requires: FEATURE_DIGIT,
  find,
};
