import { ALNUM, DASH, DIGIT, DOT, LOWER, UNDERSCORE, UPPER, is } from '../chars.js';

/** A value read after `key =` / `key:`: its span (quotes excluded) and whether it was quoted. */
export interface AssignedValue {
  start: number;
  end: number;
  quoted: boolean;
  /** The text right after an unquoted value starts a call or member access: `token = getToken()`. */
  expression: boolean;
  /** A bare run longer than any secret: not a value, and the search resumes after it. */
  overflow: boolean;
}

const MAX_QUOTED = 512;
const MAX_BARE = 256;
// Characters a bare (unquoted) secret may contain; braces, quotes, commas and spaces end it.
const BARE_EXTRA = new Set([...'+/=_-.~!@#$%^*?:'].map((c) => c.charCodeAt(0)));
const AMPERSAND = 38;

function isBare(c: number): boolean {
  return is(c, ALNUM) || BARE_EXTRA.has(c);
}

/** `&` belongs to a bare value unless it separates query parameters: `token=abc&page=2`. */
function startsQueryParam(text: string, i: number): boolean {
  let j = i + 1;
  while (j < text.length && j - i <= 64 && is(text.charCodeAt(j), ALNUM | UNDERSCORE | DASH | DOT)) j++;
  return j > i + 1 && text[j] === '=';
}

/** Reads the value starting at `i` (after the operator), or null when there is none. */
export function readAssignedValue(text: string, i: number): AssignedValue | null {
  let p = i;
  while (p < text.length && p - i < 8 && (text[p] === ' ' || text[p] === '\t')) p++;
  // `\"` opens a value of JSON nested in a JSON string; it then also closes it.
  const escaped = text[p] === '\\' && text[p + 1] === '"';
  const open = escaped ? '"' : text[p];
  if (open === '"' || open === "'" || open === '`') {
    const from = escaped ? p + 2 : p + 1;
    const limit = Math.min(text.length, from + MAX_QUOTED);
    for (let q = from; q < limit; q++) {
      const c = text[q];
      if (c === '\n' || c === '\r') return null;
      if (escaped && c === '\\' && text[q + 1] === '"') return { start: from, end: q, quoted: true, expression: false, overflow: false };
      if (c === '\\') q++;
      else if (c === open) return escaped ? null : { start: from, end: q, quoted: true, expression: false, overflow: false };
    }
    return null;
  }
  let end = p;
  const limit = Math.min(text.length, p + MAX_BARE + 1);
  for (; end < limit; end++) {
    const c = text.charCodeAt(end);
    if (!isBare(c) && (c !== AMPERSAND || startsQueryParam(text, end))) break;
  }
  if (end === p) return null;
  const expression = text[end] === '(' || text[end] === '[';
  return { start: p, end, quoted: false, expression, overflow: end - p > MAX_BARE };
}

/** Bits per character of Shannon entropy. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / s.length) * Math.log2(n / s.length);
  return bits;
}

function classes(s: string): { digit: boolean; letter: boolean; count: number; space: boolean } {
  let seen = 0;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (is(c, DIGIT)) seen |= 1;
    else if (is(c, UPPER)) seen |= 2;
    else if (is(c, LOWER)) seen |= 4;
    else if (c === 32 || c === 9) space = true;
    else seen |= 8;
  }
  const count = (seen & 1) + ((seen >> 1) & 1) + ((seen >> 2) & 1) + ((seen >> 3) & 1);
  return { digit: (seen & 1) !== 0, letter: (seen & 6) !== 0, count, space };
}

// `config.apiKey`, `self.token`: a member path in code, not a value.
const MEMBER_PATH = /^[A-Za-z_$][\w$]{0,64}(?:\.[A-Za-z_$][\w$]{0,64}){1,8}$/;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z_$]{0,128}$/;

/**
 * Shape and entropy check for a generic assignment's value. Passwords need 8+ chars of at least two
 * classes; keys, secrets and tokens need 16+ chars with letters and digits and ≥ 3 bits/char.
 * Whitespace, URLs, paths, member paths and unquoted digit-free identifiers are code or prose.
 */
export function looksSecret(value: string, password: boolean, quoted: boolean): boolean {
  if (value.length < 8 || value.includes('${') || value.includes('{{') || value.includes('://')) return false;
  if ('/.~'.includes(value[0]) || MEMBER_PATH.test(value) || (!quoted && IDENTIFIER.test(value))) return false;
  const c = classes(value);
  if (c.space || !c.letter) return false;
  if (password) return c.count >= 2 && entropy(value) >= 2.5;
  return value.length >= 16 && c.digit && entropy(value) >= 3;
}

export const ASSIGNMENT_VALUE_PATTERNS: readonly RegExp[] = [MEMBER_PATH, IDENTIFIER];
