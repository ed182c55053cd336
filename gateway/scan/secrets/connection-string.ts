import { FEATURE_EQUALS } from '../chars.js';
import { WORD, at } from '../chars.js';
import type { Detector, Emit } from '../detector.js';
import { PLACEHOLDER_VALUE_PATTERNS, isPlaceholderValue } from './placeholder-values.js';

// `Password=` / `Pwd=` as a key of an ADO.NET/ODBC connection string ("…;User Id=sa;Password=…;").
/**
 * The definition of a candidate. It is not run on the scan path (a leading lookbehind and a case-free
 * `p` made it one of the costlier regexes): `anchorAt` reads each `=` backwards instead, and a test
 * runs both on random text.
 */
export const ANCHOR = /(?<![\w.-])(?:password|pwd)[ \t]{0,3}=(?!=)[ \t]{0,3}/gi;
const MAX_VALUE = 512;

function valueEnd(text: string, start: number): { end: number; close: number } {
  const open = text[start];
  const limit = Math.min(text.length, start + MAX_VALUE);
  if (open === '{' || open === '"' || open === "'") {
    // ODBC braces (`}}` escapes a brace) and quoted values may contain ';'.
    const closer = open === '{' ? '}' : open;
    for (let i = start + 1; i < limit; i++) {
      if (text[i] !== closer) continue;
      if (closer === '}' && text[i + 1] === '}') i++;
      else return { end: i, close: i + 1 };
    }
    return { end: -1, close: -1 };
  }
  let i = start;
  while (i < limit && !';"\'\n\r'.includes(text[i])) i++;
  let end = i;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return { end, close: i };
}

function precededBySemicolon(text: string, i: number): boolean {
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return text[i - 1] === ';';
}

const isBlank = (c: number) => c === 32 || c === 9;
/** `text` at [i, i + word.length) is the lowercase ASCII `word` in any case. */
function wordAt(text: string, i: number, word: string): boolean {
  if (i < 0) return false;
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** ANCHOR's match around the `=` at `o`, as [start, end), into anchorStart/anchorEnd; false when there is none. */
let anchorStart = 0;
let anchorEnd = 0;
function anchorAt(text: string, o: number): boolean {
  if (text.charCodeAt(o + 1) === 61) return false;
  let j = o;
  while (j > 0 && o - j <= 3 && isBlank(text.charCodeAt(j - 1))) j--;
  if (o - j > 3) return false;
  const start = wordAt(text, j - 8, 'password') ? j - 8 : wordAt(text, j - 3, 'pwd') ? j - 3 : -1;
  if (start < 0 || at(text, start - 1, WORD) || text[start - 1] === '.' || text[start - 1] === '-') return false;
  let end = o + 1;
  while (end < text.length && end - o <= 3 && isBlank(text.charCodeAt(end))) end++;
  anchorStart = start;
  anchorEnd = end;
  return true;
}

/** A match of ANCHOR: [start, end). */
export interface AnchorMatch {
  start: number;
  end: number;
}

/**
 * ANCHOR's first match starting at or after `from`: each `=` has at most one match (anchorAt), and
 * matches come in the order of their `=`.
 */
function nextAnchor(text: string, from: number): AnchorMatch | null {
  for (let o = text.indexOf('=', from); o !== -1; o = text.indexOf('=', o + 1)) {
    if (anchorAt(text, o) && anchorStart >= from) return { start: anchorStart, end: anchorEnd };
  }
  return null;
}

/**
 * The password of a connection string: only when ';' separates it from other keys, so it is one.
 * Candidates come from `next(from)` (the scan: nextAnchor; a test: ANCHOR.exec, the definition),
 * with the regex loop's resume points: the value's end, or the match's end when there is no value.
 */
export function findEach(text: string, emit: Emit, next: (from: number) => AnchorMatch | null): void {
  for (let m = next(0), from = 0; m !== null; m = next(from)) {
    const matchStart = m.start;
    from = m.end;
    const start = m.end;
    const quoted = '{"\''.includes(text[start] ?? '');
    const { end, close } = valueEnd(text, start);
    if (end < 0) continue;
    const valueStart = quoted ? start + 1 : start;
    const adoStyle = precededBySemicolon(text, matchStart) || text[close] === ';';
    if (adoStyle && end > valueStart && !isPlaceholderValue(text.slice(valueStart, end))) emit(valueStart, end);
    from = close > matchStart ? close : matchStart + 1;
  }
}

function find(text: string, emit: Emit): void {
  findEach(text, emit, (from) => nextAnchor(text, from));
}

export const connectionString: Detector = {
  id: 'connection-string',
  category: 'secret',
  kind: 'PASSWORD',
  anchor: '`Password=`/`Pwd=` next to a `;` (ADO.NET/ODBC style); plain, quoted or {braced} value',
  patterns: [ANCHOR, ...PLACEHOLDER_VALUE_PATTERNS],
  minLength: 5,
  requires: FEATURE_EQUALS,
  find,
};
