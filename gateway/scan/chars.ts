/**
 * ASCII character classes as a lookup table, so candidate expansion is a tight charCode loop
 * instead of a regex with unbounded repetition.
 */
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
export const UNDERSCORE = 8;
export const DASH = 16;
export const PLUS_SLASH = 32;
export const HEX = 64;
export const DOT = 128;
export const EQUALS = 256;
export const TILDE = 512;
export const PERCENT = 1024;

export const ALPHA = UPPER | LOWER;
export const ALNUM = DIGIT | ALPHA;
export const WORD = ALNUM | UNDERSCORE;
export const BASE64URL = WORD | DASH;
export const BASE64 = ALNUM | PLUS_SLASH;

const table = new Uint16Array(128);
for (let c = 48; c <= 57; c++) table[c] |= DIGIT | HEX;
for (let c = 65; c <= 90; c++) table[c] |= UPPER | (c <= 70 ? HEX : 0);
for (let c = 97; c <= 122; c++) table[c] |= LOWER | (c <= 102 ? HEX : 0);
table[95] |= UNDERSCORE;
table[45] |= DASH;
table[43] |= PLUS_SLASH;
table[47] |= PLUS_SLASH;
table[46] |= DOT;
table[61] |= EQUALS;
table[126] |= TILDE;
table[37] |= PERCENT;

/** True when the UTF-16 unit `c` is ASCII and in one of the classes of `mask`. */
export function is(c: number, mask: number): boolean {
  return c < 128 && (table[c] & mask) !== 0;
}

/** True when `text[i]` exists and is in `mask`; out-of-range positions are never in a class. */
export function at(text: string, i: number, mask: number): boolean {
  return i >= 0 && i < text.length && is(text.charCodeAt(i), mask);
}

/** End of the run of `mask` characters starting at `i` (at most `max` of them). */
export function runEnd(text: string, i: number, mask: number, max = Infinity): number {
  const limit = Math.min(text.length, i + max);
  while (i < limit && is(text.charCodeAt(i), mask)) i++;
  return i;
}

/** Start of the run of `mask` characters ending just before `i` (at most `max` of them). */
export function runStart(text: string, i: number, mask: number, max = Infinity): number {
  const limit = Math.max(0, i - max);
  while (i > limit && is(text.charCodeAt(i - 1), mask)) i--;
  return i;
}


/**
 * Coarse features of a short string, one bit each, so a detector whose trigger characters are all
 * absent is skipped without running its regex (per-call overhead dominates on tiny JSON strings).
 */
export const FEATURE_DIGIT = 1;
export const FEATURE_UPPER = 2;
export const FEATURE_LOWER = 4;
export const FEATURE_AT = 8;
export const FEATURE_COLON = 16;
export const FEATURE_EQUALS = 32;
/** Set by '=' and ':' alike: either can start an assignment. */
export const FEATURE_ASSIGN = 64;
export const FEATURE_DOT = 128;
export const FEATURE_DASH = 256;
export const FEATURE_UNDERSCORE = 512;
export const FEATURE_SLASH = 1024;

const featureTable = new Uint16Array(128);
for (let c = 48; c <= 57; c++) featureTable[c] = FEATURE_DIGIT;
for (let c = 65; c <= 90; c++) featureTable[c] = FEATURE_UPPER;
for (let c = 97; c <= 122; c++) featureTable[c] = FEATURE_LOWER;
featureTable[64] = FEATURE_AT;
featureTable[58] = FEATURE_COLON | FEATURE_ASSIGN;
featureTable[61] = FEATURE_EQUALS | FEATURE_ASSIGN;
featureTable[46] = FEATURE_DOT;
featureTable[45] = FEATURE_DASH;
featureTable[95] = FEATURE_UNDERSCORE;
featureTable[47] = FEATURE_SLASH;

/** The union of the features of every ASCII character in `text`. */
export function features(text: string): number {
  let f = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) f |= featureTable[c];
  }
  return f;
}
