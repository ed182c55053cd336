import { ALNUM, BASE64URL, DIGIT, DOT, EQUALS, FEATURE_ASSIGN, LOWER, PLUS_SLASH, TILDE, UPPER, at, is, runEnd } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { caseFreeLiteral, LiteralSearch } from '../literal-search.js';
import { entropy } from './assignment-value.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// `Authorization:` / `Proxy-Authorization:` headers wherever they are pasted: HTTP dumps, curl `-H`
// arguments, JSON or YAML header maps, `HTTP_AUTHORIZATION=` in env dumps. Found by the rare middle
// of the word; the letter before it and everything after are read in code.
/** The definition of the search (`LiteralSearch` finds the same, faster; a test runs both). */
export const ANCHOR = /uthorization/gi;
const UTHORIZATION = caseFreeLiteral('uthorization', 'z');
const NAME_TAIL = 'uthorization'.length;
// RFC 7235 token68 plus the `=` padding: what a credential after the scheme is made of.
const CREDENTIAL = BASE64URL | DOT | TILDE | PLUS_SLASH | EQUALS;
const MAX_CREDENTIAL = 8192;
const SCHEMES = new Map([
  ['bearer', 'AUTH_TOKEN'],
  ['token', 'AUTH_TOKEN'],
  ['bot', 'AUTH_TOKEN'],
  ['basic', 'BASIC_AUTH'],
]);

/** Skips `"`, `'`, a backtick or a JSON-escaped `\"` at `i`. */
function skipQuote(text: string, i: number): number {
  if (text[i] === '\\' && text[i + 1] === '"') return i + 2;
  return text[i] === '"' || text[i] === "'" || text[i] === '`' ? i + 1 : i;
}

function skipBlanks(text: string, i: number, max = 4): number {
  const limit = Math.min(text.length, i + max);
  while (i < limit && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** After the header name: optional closing quote, `:` `=` `=>` or `:=`; where the value starts, or -1. */
function valueStart(text: string, i: number): number {
  i = skipBlanks(text, skipQuote(text, i));
  if (text[i] === ':') i += text[i + 1] === '=' ? 2 : 1;
  else if (text[i] === '=') i += text[i + 1] === '>' ? 2 : 1;
  else return -1;
  return skipQuote(text, skipBlanks(text, i));
}

function classes(s: string): number {
  let seen = 0;
  for (let i = 0; i < s.length && seen !== 7; i++) {
    const c = s.charCodeAt(i);
    seen |= is(c, DIGIT) ? 1 : is(c, UPPER) ? 2 : is(c, LOWER) ? 4 : 0;
  }
  return seen;
}

/**
 * An opaque token, not a word of prose or a template: letters with digits, or 24+ chars of both
 * cases; and not a dummy (`YOUR_TOKEN`, `xxxx`). Without a scheme the bar is higher.
 */
function looksLikeToken(value: string, schemed: boolean): boolean {
  if (value.length < (schemed ? 8 : 16) || isPlaceholderValue(value)) return false;
  const seen = classes(value);
  const mixed = (seen & 1) !== 0 && (seen & 6) !== 0;
  const random = value.length >= 24 && (seen & 6) === 6;
  return (mixed || random) && entropy(value) >= (schemed ? 2.5 : 3);
}

/** `user:password` in base64 with a real (not dummy) password or user. */
function looksLikeBasic(value: string): boolean {
  if (value.length < 8) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0 || decoded.includes('\uFFFD') || [...decoded].some((c) => c < ' ')) return false;
  const secret = decoded.slice(colon + 1);
  return secret.length > 0 ? !isPlaceholderValue(secret) : colon >= 8 && !isPlaceholderValue(decoded.slice(0, colon));
}

/** Reads the header whose name ends at `nameEnd`; reports the credential and returns where to resume. */
function readHeader(text: string, nameEnd: number, emit: Emit): number {
  const start = valueStart(text, nameEnd);
  if (start < 0) return nameEnd;
  const wordEnd = runEnd(text, start, ALNUM, 8);
  const scheme = SCHEMES.get(text.slice(start, wordEnd).toLowerCase());
  const schemed = scheme !== undefined && (text[wordEnd] === ' ' || text[wordEnd] === '\t');
  const from = schemed ? skipBlanks(text, wordEnd, 8) : start;
  const end = runEnd(text, from, CREDENTIAL, MAX_CREDENTIAL + 1);
  // A credential glued to more text (`Bearer abc${x}`, `Bearer " + token`) is code, not a value.
  if (end === from || end - from > MAX_CREDENTIAL || at(text, end, ALNUM) || text[end] === '$' || text[end] === '{') return end;
  const value = text.slice(from, end);
  const basic = schemed && scheme === 'BASIC_AUTH';
  if (basic ? looksLikeBasic(value) : looksLikeToken(value, schemed)) emit(from, end, basic ? 'BASIC_AUTH' : 'AUTH_TOKEN');
  return end;
}

/**
 * The detector over the candidates `next(from)` gives: where the first `uthorization` at or after
 * `from` starts, or -1 (the scan: LiteralSearch; a test: ANCHOR.exec, the definition). As the
 * ANCHOR.exec loop it replaced, it resumes after a match at its end, or where the header ended.
 */
export function findEach(text: string, emit: Emit, next: (from: number) => number): void {
  for (let i = next(0), from = 0; i !== -1; i = next(from)) {
    from = i + UTHORIZATION.lower.length;
    const a = text[i - 1];
    // `Authorization` itself, as a whole word or after `Proxy-`, `HTTP_`, `X-`; not `preauthorization`.
    if ((a !== 'A' && a !== 'a') || at(text, i - 2, ALNUM)) continue;
    const end = readHeader(text, i + NAME_TAIL, emit);
    from = end > i ? end : i + 1;
  }
}

function find(text: string, emit: Emit): void {
  const search = new LiteralSearch(UTHORIZATION, text);
  findEach(text, emit, (from) => search.next(from));
}

export const httpAuth: Detector = {
  id: 'http-auth',
  category: 'secret',
  kind: 'AUTH_TOKEN',
  anchor: '`Authorization`/`Proxy-Authorization` (the rare middle `uthorization`, case-insensitive) then `:`/`=`; only the credential after `Bearer`/`Token`/`Bot`/`Basic` or a bare one',
  patterns: [ANCHOR, ...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 24,
  requires: FEATURE_ASSIGN,
  // A vendor key in the header (`Bearer sk-…`) is reported by its vendor's detector instead.
  generic: true,
  find,
};
