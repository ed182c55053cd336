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

/**
 * One iterative pass over the raw bytes, before JSON.parse and before anything recursive touches
 * the value: nesting depth and the longest string (in bytes, escapes included) stay within limits.
 * Invalid JSON is left for JSON.parse to report; this only has to be right for valid input.
 */
export function checkJsonLimits(raw: Uint8Array, limits: JsonLimits): void {
  const maxDepth = limits.depth;
  const maxString = limits.stringBytes;
  let depth = 0;
  let i = 0;
  const n = raw.length;
  while (i < n) {
    const c = raw[i];
    if (c === QUOTE) {
      const start = ++i;
      while (i < n) {
        const s = raw[i];
        if (s === BACKSLASH) i += 2;
        else if (s === QUOTE) break;
        else i++;
      }
      if (i - start > maxString) {
        throw new GatewayError('GW_ERR_BODY_STRING_TOO_LONG', `a string is longer than ${maxString} bytes`);
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) throw new GatewayError('GW_ERR_BODY_TOO_DEEP', `nesting deeper than ${maxDepth}`);
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
    i++;
  }
}
