import { BASE64URL, DIGIT, LOWER, UPPER, at, features, is, runEnd } from '../chars.js';
import { NO_SEARCH, type Detector, type Emit } from '../detector.js';
import type { TokenPrefix } from '../prefix-index.js';

/**
 * One token format found by a search of its own: a literal prefix, then a run of body characters
 * of bounded length. Prefixes that end in `_`, `-` or `.` belong in `prefixes` instead, found by the
 * scanner's shared pass at no extra cost per prefix; a search of its own suits prefixes without a
 * separator (`AKIA`, `AIza`, `LTAI`).
 */
export interface TokenShape {
  /**
   * The prefix. Preferably a literal starting with a rare character, searched with indexOf: V8
   * finds those several times faster. A global regex when the prefix has alternatives.
   */
  search: string | RegExp;
  /** Character classes (chars.ts masks) the body consists of. */
  body: number;
  min: number;
  max: number;
  validate?: (body: string) => boolean;
}

export interface PrefixedTokenSpec {
  id: string;
  kind: string;
  anchor: string;
  /** Shortest whole token (prefix + body) of any shape; derived from `prefixes` when there are no shapes. */
  minLength?: number;
  /** Features (chars.ts) every token of this kind contains; derived from `prefixes` when there are no shapes. */
  requires?: number;
  shapes?: TokenShape[];
  prefixes?: TokenPrefix[];
}

/** Random keys mix digits and both cases; prose and identifiers ("sk-this-is-a-test") do not. */
export function mixedCaseAndDigits(s: string): boolean {
  let seen = 0;
  for (let i = 0; i < s.length && seen !== 7; i++) {
    const c = s.charCodeAt(i);
    if (is(c, DIGIT)) seen |= 1;
    else if (is(c, UPPER)) seen |= 2;
    else if (is(c, LOWER)) seen |= 4;
  }
  return seen === 7;
}

export function distinctChars(s: string): number {
  return new Set(s).size;
}

/**
 * Checks the token whose search match is at `index` (length `matched`); reports it if valid and
 * returns where the search resumes: after the body, so repeated prefixes cost one pass.
 */
function readToken(shape: TokenShape, text: string, index: number, matched: number, emit: Emit): number {
  const start = index;
  // Glued to a longer word on the left ("xAKIA…"): not a token.
  if (at(text, start - 1, BASE64URL)) return index + 1;
  const bodyStart = start + matched;
  const end = runEnd(text, bodyStart, shape.body);
  const bodyLength = end - bodyStart;
  if (bodyLength < shape.min || bodyLength > shape.max || at(text, end, BASE64URL)) return Math.max(end, index + 1);
  if (shape.validate === undefined || shape.validate(text.slice(bodyStart, end))) emit(start, end);
  return end;
}

/** A secret with a vendor prefix: found by a cheap search, the body read by one linear scan. */
export function prefixedToken(spec: PrefixedTokenSpec): Detector {
  const shapes = spec.shapes ?? [];
  const prefixes = spec.prefixes ?? [];
  if ((spec.minLength === undefined || spec.requires === undefined) && (shapes.length > 0 || prefixes.length === 0)) {
    throw new Error(`${spec.id}: minLength and requires can only be derived from prefixes alone`);
  }
  function find(text: string, emit: Emit): void {
    for (const shape of shapes) {
      const search = shape.search;
      if (typeof search === 'string') {
        let i = text.indexOf(search);
        while (i !== -1) i = text.indexOf(search, Math.max(i + 1, readToken(shape, text, i, search.length, emit)));
        continue;
      }
      search.lastIndex = 0;
      for (let m = search.exec(text); m !== null; m = search.exec(text)) {
        search.lastIndex = readToken(shape, text, m.index, m[0].length, emit);
      }
    }
  }
  const patterns = shapes.flatMap((s) => (s.search instanceof RegExp ? [s.search] : []));
  return {
    id: spec.id,
    category: 'secret',
    kind: spec.kind,
    anchor: spec.anchor,
    patterns,
    minLength: spec.minLength ?? Math.min(...prefixes.map((p) => p.prefix.length + p.min)),
    // What every token's prefix contains: a text without it cannot hold one.
    requires: spec.requires ?? prefixes.reduce((f, p) => f & features(p.prefix), -1),
    prefixes: spec.prefixes,
    find: shapes.length > 0 ? find : NO_SEARCH,
  };
}

/** Keys and tokens are random: both letters and digits appear (hex included). */
export function lettersAndDigits(s: string): boolean {
  let seen = 0;
  for (let i = 0; i < s.length && seen !== 3; i++) {
    const c = s.charCodeAt(i);
    if (is(c, DIGIT)) seen |= 1;
    else if (is(c, UPPER | LOWER)) seen |= 2;
  }
  return seen === 3;
}

/** Lowercase hex with letters and digits, as vendors print hex tokens. */
export function lowerHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return lettersAndDigits(s);
}
