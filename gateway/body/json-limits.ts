import { GatewayError } from '../errors.js';

export interface JsonLimits {
  depth: number;
  stringBytes: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
/** The keys prototype poisoning needs. */
const PROTO_KEY = Buffer.from('__proto__');
const CONSTRUCTOR_KEY = Buffer.from('constructor');

/** Index of the quote closing the string whose opening quote is at `open` (n when unterminated). */
function closingQuote(raw: Uint8Array & { indexOf(value: number, from: number): number }, open: number, n: number): number {
  // Native indexOf (memchr) skips the string's content; a quote preceded by an odd number of
  // backslashes is escaped, so the search goes on. Each byte is looked at a bounded number of times.
  let q = raw.indexOf(QUOTE, open + 1);
  while (q !== -1) {
    let slashes = 0;
    for (let k = q - 1; raw[k] === BACKSLASH; k--) slashes++;
    if ((slashes & 1) === 0) return q;
    q = raw.indexOf(QUOTE, q + 1);
  }
  return n;
}

function isSuspectKey(raw: Buffer, start: number, end: number): boolean {
  const len = end - start;
  if (len === PROTO_KEY.length && raw.compare(PROTO_KEY, 0, len, start, end) === 0) return true;
  if (len === CONSTRUCTOR_KEY.length && raw.compare(CONSTRUCTOR_KEY, 0, len, start, end) === 0) return true;
  // Searched within the key only (an unbounded search could rescan the body once per key), byte by
  // byte: keys are short, and a subarray per key was a Buffer allocated for every key of every body.
  for (let k = start; k < end; k++) if (raw[k] === BACKSLASH) return true;
  return false;
}

/**
 * One iterative pass over the raw bytes, before JSON.parse and before anything recursive touches
 * the value: nesting depth and the longest string (in bytes, escapes included) stay within limits.
 * Invalid JSON is left for JSON.parse to report; this only has to be right for valid input. It also
 * says whether any object key could be a prototype-poisoning key, so most bodies skip that check.
 */
export function checkJsonLimits(raw: Buffer, limits: JsonLimits): { suspectKeys: boolean } {
  const maxDepth = limits.depth;
  const maxString = limits.stringBytes;
  let depth = 0;
  let i = 0;
  const n = raw.length;
  let lastStart = 0;
  let lastEnd = 0;
  let suspectKeys = false;
  while (i < n) {
    const c = raw[i];
    if (c === QUOTE) {
      const end = closingQuote(raw, i, n);
      if (end - i - 1 > maxString) {
        throw new GatewayError('GW_ERR_BODY_STRING_TOO_LONG', `a string is longer than ${maxString} bytes`);
      }
      lastStart = i;
      lastEnd = end;
      i = end + 1;
      continue;
    }
    if (c === COLON) {
      // The string before a colon is a key: one that is, or could spell with escapes, __proto__ or
      // constructor sends the body through the careful parser.
      if (!suspectKeys && isSuspectKey(raw, lastStart + 1, lastEnd)) suspectKeys = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) throw new GatewayError('GW_ERR_BODY_TOO_DEEP', `nesting deeper than ${maxDepth}`);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
    i++;
  }
  return { suspectKeys };
}
