import { ALNUM, DIGIT, FEATURE_EQUALS, LOWER, UPPER, at, is } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { caseFreeLiteral, LiteralSearch } from '../literal-search.js';
import { entropy } from './assignment-value.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// `Cookie:` / `Set-Cookie:` lines (HTTP dumps, curl `-H`/`--cookie`, JSON header maps,
// `document.cookie = "…"`): the value of each session-like cookie is reported, names stay readable.
/** The definition of the search (`LiteralSearch` finds the same, faster; a test runs both). */
export const ANCHOR = /ookie/gi;
const OOKIE = caseFreeLiteral('ookie', 'k');
const MAX_LINE = 8192;
/** Names whose values are sessions or credentials by convention. */
const SESSION_NAME = /sess|sid|token|auth|jwt|login|remember|secret|credential|access|refresh|identity|key/i;
/** Analytics and consent cookies: identifiers, not credentials. */
const TRACKING_NAME = /^(?:_ga|_gid|_gat|_fbp|_fbc|__utm|_gcl|_hj|ajs_|_clck|_clsk|mp_|amplitude|optimizely|_uet|cookieconsent|OptanonConsent|euconsent)/i;
const SET_COOKIE = 'set-';

/** After the name: a closing quote, then `:` or `=` (or whitespace after `--cookie`); the line's start, or -1. */
function lineStart(text: string, i: number, curlFlag: boolean): { at: number; quote: string } | null {
  if (text[i] === '\\' && text[i + 1] === '"') i += 2;
  else if (text[i] === '"' || text[i] === "'") i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === ':' || text[i] === '=') i++;
  else if (!curlFlag || i === 0 || (text[i - 1] !== ' ' && text[i - 1] !== '\t')) return null;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '\\' && text[i + 1] === '"') return { at: i + 2, quote: '\\"' };
  if (text[i] === '"' || text[i] === "'" || text[i] === '`') return { at: i + 1, quote: text[i]! };
  return { at: i, quote: '' };
}

/** Where the cookie line ends: its closing quote, the end of the line, or the bound. */
function lineEnd(text: string, from: number, quote: string): number {
  const limit = Math.min(text.length, from + MAX_LINE);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') return i;
    if (quote !== '' && text.startsWith(quote, i)) return i;
    if (c === '\\' && quote !== '\\"') i++;
  }
  return limit;
}

function sessionLike(name: string, value: string): boolean {
  if (value.length < 12 || isPlaceholderValue(value) || TRACKING_NAME.test(name)) return false;
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
    seen |= is(c, DIGIT) ? 1 : is(c, UPPER | LOWER) ? 2 : 0;
  }
  if (seen !== 3) return false;
  const bits = entropy(value);
  return SESSION_NAME.test(name) ? bits >= 3 : value.length >= 20 && bits >= 3.5;
}

/** Characters a cookie value cannot hold (RFC 6265 cookie-octet excludes them): they end it. */
const VALUE_END = new Set([...' \t;,"\'\\`'].map((c) => c.charCodeAt(0)));

/** An RFC 6265 cookie name: a token, no separators or controls (else this is prose, not a pair). */
const NAME_SEPARATORS = new Set([...'()<>@,;:\\"/[]?={} \t'].map((c) => c.charCodeAt(0)));
function isCookieName(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126 || NAME_SEPARATORS.has(c)) return false;
  }
  return name.length > 0;
}

/**
 * Reports session-like values among the `name=value` pairs in [from, to); Set-Cookie: the first pair only.
 * Returns where the pairs stopped, so a second header later on the same line is still read.
 */
function readPairs(text: string, from: number, to: number, first: boolean, emit: Emit): number {
  let i = from;
  while (i < to) {
    while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
    const eq = text.indexOf('=', i);
    if (eq <= i || eq >= to) return i;
    const name = text.slice(i, eq);
    if (!isCookieName(name)) return i;
    const quoted = text[eq + 1] === '"';
    const vs = quoted ? eq + 2 : eq + 1;
    let ve = vs;
    while (ve < to && !VALUE_END.has(text.charCodeAt(ve))) ve++;
    if (ve > vs && sessionLike(name, text.slice(vs, ve))) emit(vs, ve);
    if (first) return ve;
    i = ve + (quoted && text[ve] === '"' ? 1 : 0);
    while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== ';') return i;
    i++;
  }
  return i;
}

/**
 * The detector over the candidates `next(from)` gives: where the first `ookie` at or after `from`
 * starts, or -1 (the scan: LiteralSearch; a test: ANCHOR.exec, the definition). As the ANCHOR.exec
 * loop it replaced, it resumes after a match at its end, or where the header's pairs stopped (past the match start).
 */
export function findEach(text: string, emit: Emit, next: (from: number) => number): void {
  for (let i = next(0), from = 0; i !== -1; i = next(from)) {
    from = i + OOKIE.lower.length;
    const c = text[i - 1];
    const nameStart = i - 1;
    if ((c !== 'c' && c !== 'C') || at(text, nameStart - 1, ALNUM)) continue;
    const setCookie = text.slice(nameStart - SET_COOKIE.length, nameStart).toLowerCase() === SET_COOKIE;
    const curlFlag = text.startsWith('--', nameStart - 2);
    const start = lineStart(text, i + OOKIE.lower.length, curlFlag);
    if (start === null) continue;
    const end = lineEnd(text, start.at, start.quote);
    const stopped = readPairs(text, start.at, end, setCookie, emit);
    from = Math.max(stopped, i + 1);
  }
}

function find(text: string, emit: Emit): void {
  const search = new LiteralSearch(OOKIE, text);
  findEach(text, emit, (from) => search.next(from));
}

export const cookie: Detector = {
  id: 'cookie',
  category: 'secret',
  kind: 'COOKIE',
  anchor: '`Cookie`/`Set-Cookie`/`--cookie`/`document.cookie` (the middle `ookie`) then `:`/`=`; each `name=value` pair of the line (Set-Cookie: the first)',
  patterns: [ANCHOR, SESSION_NAME, TRACKING_NAME, ...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 24,
  requires: FEATURE_EQUALS,
  find,
};
