import { DASH, DOT, FEATURE_ASSIGN, LOWER, UPPER, WORD, at, runStart } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { ASSIGNMENT_VALUE_PATTERNS, looksSecret, readAssignedValue } from './assignment-value.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// After the key word: an optional (possibly JSON-escaped) closing quote, then `=`, `:`, `:=` or `=>`
// but not `==`. A backslash before the quote allows JSON nested in a JSON string.
const OPERATOR = String.raw`\\?["'\x60]?[ \t]{0,4}(?::=|=>|:|=(?!=))`;

/**
 * The key words' endings — "key"/"ken" of key/token, "word"/"wd" of password/passwd/pwd, "cret" of
 * secret — then the operator, case-insensitive: what `nextAnchor` finds. This regex is the
 * definition it must agree with (test/gateway/scan/secrets/generic-assignment-anchor.test.ts runs
 * both on random text); it is not run on the scan path, where searching for its first letters
 * ({k,w,c} in either case, common in any text) cost more than any other single regex.
 */
export const ANCHOR = new RegExp('(?:k(?:ey|en)|w(?:or)?d|cret)' + OPERATOR, 'gi');

const lowerAt = (text: string, i: number): number => text.charCodeAt(i) | 0x20;
/** `text` at [i, i + word.length) equals the lowercase ASCII `word`, in any case (only letters fold with | 0x20). */
function wordAt(text: string, i: number, word: string): boolean {
  if (i < 0) return false;
  for (let k = 0; k < word.length; k++) if (lowerAt(text, i + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** Length of the key-word ending of ANCHOR that ends just before `j` ('key', 'ken', 'word', 'wd', 'cret'), or 0. */
function endingBefore(text: string, j: number): number {
  switch (lowerAt(text, j - 1)) {
    case 121: // y
    case 110: // n
      return wordAt(text, j - 3, 'ke') ? 3 : 0;
    case 100: // d
      return wordAt(text, j - 4, 'wor') ? 4 : wordAt(text, j - 2, 'w') ? 2 : 0;
    case 116: // t
      return wordAt(text, j - 4, 'cre') ? 4 : 0;
    default:
      return 0;
  }
}

const isQuote = (c: number) => c === 34 || c === 39 || c === 96;
const isBlank = (c: number) => c === 32 || c === 9;

/** Where ANCHOR's match ends for the operator at `o` (`:=`, `=>`, `:`, `=` but not `==`), or -1. */
function operatorEnd(text: string, o: number): number {
  const next = text.charCodeAt(o + 1);
  if (text.charCodeAt(o) === 58) return next === 61 ? o + 2 : o + 1;
  if (next === 62) return o + 2;
  return next === 61 ? -1 : o + 1;
}

/**
 * Start of ANCHOR's match whose operator is at `o`, or -1: read backwards, up to four blanks, an
 * optional quote, an optional backslash, then a key-word ending. Each operator has at most one such
 * start, and matches come in the order of their operators, so walking the operators finds what
 * ANCHOR.exec would, at the cost of two indexOf searches.
 */
function anchorStart(text: string, o: number): number {
  let j = o;
  while (j > 0 && o - j <= 4 && isBlank(text.charCodeAt(j - 1))) j--;
  if (o - j > 4) return -1;
  if (j > 0 && isQuote(text.charCodeAt(j - 1))) j--;
  if (j > 0 && text.charCodeAt(j - 1) === 92) j--;
  const length = endingBefore(text, j);
  return length === 0 ? -1 : j - length;
}

/** Where the key word of the anchor match at `i` begins (and whether it names a password), or null. */
function keyWordStart(text: string, i: number): { start: number; password: boolean } | null {
  const first = lowerAt(text, i);
  if (first === 107) {
    if (wordAt(text, i + 1, 'ey')) return { start: i, password: false };
    return wordAt(text, i - 2, 'to') ? { start: i - 2, password: false } : null;
  }
  if (first === 119) {
    if (wordAt(text, i - 4, 'pass')) return { start: i - 4, password: true };
    return wordAt(text, i + 1, 'd') && wordAt(text, i - 1, 'p') ? { start: i - 1, password: true } : null;
  }
  return wordAt(text, i - 2, 'se') ? { start: i - 2, password: false } : null;
}

// "apikey", "ACCESSTOKEN": glued words that still name a secret; "monkey" and "hotkey" do not.
const GLUED = ['api', 'access', 'auth', 'client', 'secret', 'private', 'app', 'refresh', 'session', 'bearer', 'master', 'signing', 'encryption', 'admin', 'service', 'consumer', 'db'];
// Key names whose values are not secret: public keys, database keys, pagination and cache keys.
const NOT_SECRET = ['public', 'primary', 'foreign', 'sort', 'partition', 'cache', 'idempotency', 'hash', 'row', 'map', 'lookup', 'unique', 'composite', 'next', 'page', 'cursor', 'continuation', 'hot', 'shortcut', 'sign', 'i18n', 'translation'];
const TRAILING_SEPARATOR = /[-_.]$/;
// Shortest value looksSecret can accept.
const MIN_VALUE = 8;

/** The key word must start a segment of the key name: `DB_PASSWORD`, `apiKey`, `APIKEY`, not `monkey`. */
function startsSegment(text: string, nameStart: number, wordStart: number): boolean {
  if (wordStart === nameStart || at(text, wordStart - 1, DASH | DOT) || text[wordStart - 1] === '_') return true;
  if (at(text, wordStart, UPPER) && at(text, wordStart - 1, LOWER)) return true;
  const glued = text.slice(nameStart, wordStart).toLowerCase();
  return GLUED.some((w) => glued.endsWith(w));
}

function namesNonSecret(prefix: string): boolean {
  const p = prefix.toLowerCase().replace(TRAILING_SEPARATOR, '');
  return NOT_SECRET.some((w) => p.endsWith(w));
}

/**
 * `name = value` where the name ends in key/secret/password/passwd/pwd/token and the value passes a
 * shape and entropy check; env refs, templates and dummy values are skipped. Only the value is
 * reported: PASSWORD for password names, SECRET otherwise.
 */
export function readAssignment(text: string, start: number, end: number, emit: Emit): number {
  // The value first: it is cheap to read, and most candidates in code fail on it (too short, a call).
  const value = readAssignedValue(text, end);
  if (value === null || value.expression) return -1;
  if (value.overflow || value.end - value.start < MIN_VALUE) return value.end;
  const word = keyWordStart(text, start);
  if (word === null) return -1;
  const wordStart = word.start;
  const nameStart = runStart(text, wordStart, WORD | DASH | DOT, 64);
  if (!startsSegment(text, nameStart, wordStart) || namesNonSecret(text.slice(nameStart, wordStart))) return -1;
  const v = text.slice(value.start, value.end);
  if (!isPlaceholderValue(v) && looksSecret(v, word.password, value.quoted)) {
    emit(value.start, value.end, word.password ? 'PASSWORD' : 'SECRET');
  }
  return value.end;
}

/**
 * Every ANCHOR match, in order, as ANCHOR.exec would give them with the same resume points: the
 * operators `:` and `=` are found with indexOf and read backwards (anchorStart). After a match the
 * search resumes where readAssignment says (at least one past the match start), else at its end.
 */
function find(text: string, emit: Emit): void {
  let colon = text.indexOf(':');
  let equals = text.indexOf('=');
  let from = 0;
  while (colon !== -1 || equals !== -1) {
    let o: number;
    if (equals === -1 || (colon !== -1 && colon < equals)) {
      o = colon;
      colon = text.indexOf(':', o + 1);
    } else {
      o = equals;
      equals = text.indexOf('=', o + 1);
    }
    const end = operatorEnd(text, o);
    if (end < 0) continue;
    const start = anchorStart(text, o);
    if (start < from) continue;
    const next = readAssignment(text, start, end, emit);
    from = next < 0 ? end : next > start ? next : start + 1;
    // An operator before `from` has its match start before it too: the regex would not look there.
    if (colon !== -1 && colon < from) colon = text.indexOf(':', from);
    if (equals !== -1 && equals < from) equals = text.indexOf('=', from);
  }
}

export const genericAssignment: Detector = {
  id: 'generic-secret',
  category: 'secret',
  kind: 'SECRET',
  anchor: 'a key name ending in key/secret/password/passwd/pwd/token followed by `=`/`:`; value shape + entropy check',
  patterns: [ANCHOR, TRAILING_SEPARATOR, ...ASSIGNMENT_VALUE_PATTERNS, ...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 12,
  requires: FEATURE_ASSIGN,
  generic: true,
  find,
};
