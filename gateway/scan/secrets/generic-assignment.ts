import { DASH, DOT, FEATURE_ASSIGN, LOWER, UPPER, WORD, at, runStart } from '../chars.js';
import { resumeAt, type Detector, type Emit } from '../detector.js';
import { ASSIGNMENT_VALUE_PATTERNS, looksSecret, readAssignedValue } from './assignment-value.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// After the key word: an optional (possibly JSON-escaped) closing quote, then `=`, `:`, `:=` or `=>`
// but not `==`. A backslash before the quote allows JSON nested in a JSON string.
const OPERATOR = String.raw`\\?["'\x60]?[ \t]{0,4}(?::=|=>|:|=(?!=))`;

/**
 * The key words searched by their rarest letters — "k" of key/token, "w" of password/passwd/pwd,
 * "cret" of secret — because V8 scans several times faster for a rare first character than for the
 * set {k,s,p,t}; one regex rather than three, since each extra regex pass over a string costs more
 * than its own scan. The letters before the match are checked in code (keyWordStart).
 */
const ANCHOR = new RegExp('(?:k(?:ey|en)|w(?:or)?d|cret)' + OPERATOR, 'gi');

/** Where the key word of match `m` at `i` begins (and whether it names a password), or null. */
function keyWordStart(text: string, i: number, m: string): { start: number; password: boolean } | null {
  const lower = (at: number): string => text.slice(at, i).toLowerCase();
  const first = m[0].toLowerCase();
  if (first === 'k') {
    if (m[1].toLowerCase() === 'e' && m[2].toLowerCase() === 'y') return { start: i, password: false };
    return lower(i - 2) === 'to' ? { start: i - 2, password: false } : null;
  }
  if (first === 'w') {
    if (lower(i - 4) === 'pass') return { start: i - 4, password: true };
    return m[1].toLowerCase() === 'd' && lower(i - 1) === 'p' ? { start: i - 1, password: true } : null;
  }
  return lower(i - 2) === 'se' ? { start: i - 2, password: false } : null;
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
function readAssignment(text: string, m: RegExpExecArray, emit: Emit): number {
  // The value first: it is cheap to read, and most candidates in code fail on it (too short, a call).
  const value = readAssignedValue(text, m.index + m[0].length);
  if (value === null || value.expression) return -1;
  if (value.overflow || value.end - value.start < MIN_VALUE) return value.end;
  const word = keyWordStart(text, m.index, m[0]);
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

function find(text: string, emit: Emit): void {
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const next = readAssignment(text, m, emit);
    if (next >= 0) resumeAt(ANCHOR, m, next);
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
