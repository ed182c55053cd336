import { DASH, DOT, FEATURE_ASSIGN, LOWER, UPPER, WORD, at, runStart } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';
import { ASSIGNMENT_VALUE_PATTERNS, looksSecret, readAssignedValue } from './assignment-value.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// After the key word: an optional (possibly JSON-escaped) closing quote, then `=`, `:`, `:=` or `=>`
// but not `==`. A backslash before the quote allows JSON nested in a JSON string.
const OPERATOR = String.raw`\\?["'\x60]?[ \t]{0,4}(?::=|=>|:|=(?!=))`;

/**
 * Each key word is searched by its rarest letters, because V8 scans several times faster for a
 * rare first character than for the set {k,s,p,t}; the rest of the word is checked in code.
 * `wordStart` returns where the key word begins, or -1 when the letters before do not spell it.
 */
const SEARCHES: { re: RegExp; password: boolean; wordStart: (text: string, i: number, m: string) => number }[] = [
  // key, token
  { re: new RegExp('k(?:ey|en)' + OPERATOR, 'gi'), password: false, wordStart: (t, i, m) => (m[1].toLowerCase() === 'e' && m[2].toLowerCase() === 'y' ? i : t.slice(i - 2, i).toLowerCase() === 'to' ? i - 2 : -1) },
  // password, passwd, pwd
  { re: new RegExp('w(?:or)?d' + OPERATOR, 'gi'), password: true, wordStart: (t, i, m) => (t.slice(i - 4, i).toLowerCase() === 'pass' ? i - 4 : m[1].toLowerCase() === 'd' && t[i - 1]?.toLowerCase() === 'p' ? i - 1 : -1) },
  // secret
  { re: new RegExp('cret' + OPERATOR, 'gi'), password: false, wordStart: (t, i) => (t.slice(i - 2, i).toLowerCase() === 'se' ? i - 2 : -1) },
];
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
function readAssignment(text: string, search: (typeof SEARCHES)[number], m: RegExpExecArray, emit: Emit): number {
  // The value first: it is cheap to read, and most candidates in code fail on it (too short, a call).
  const value = readAssignedValue(text, m.index + m[0].length);
  if (value === null || value.expression) return -1;
  if (value.overflow || value.end - value.start < MIN_VALUE) return value.end;
  const wordStart = search.wordStart(text, m.index, m[0]);
  if (wordStart < 0) return -1;
  const nameStart = runStart(text, wordStart, WORD | DASH | DOT, 64);
  if (!startsSegment(text, nameStart, wordStart) || namesNonSecret(text.slice(nameStart, wordStart))) return -1;
  const v = text.slice(value.start, value.end);
  if (!isPlaceholderValue(v) && looksSecret(v, search.password, value.quoted)) {
    emit(value.start, value.end, search.password ? 'PASSWORD' : 'SECRET');
  }
  return value.end;
}

function find(text: string, emit: Emit): void {
  for (const search of SEARCHES) {
    const re = search.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const next = readAssignment(text, search, m, emit);
      if (next >= 0) resumeAt(re, m, next);
    }
  }
}

export const genericAssignment: Detector = {
  id: 'generic-secret',
  category: 'secret',
  kind: 'SECRET',
  anchor: 'a key name ending in key/secret/password/passwd/pwd/token followed by `=`/`:`; value shape + entropy check',
  patterns: [...SEARCHES.map((s) => s.re), TRAILING_SEPARATOR, ...ASSIGNMENT_VALUE_PATTERNS, ...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 12,
  requires: FEATURE_ASSIGN,
  generic: true,
  find,
};
