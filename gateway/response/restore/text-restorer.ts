import { restoreText, type Lookup } from './restore-text.js';
import { CODE_LENGTH, KIND_MAX, MAX_ESCAPE_TILDES, MAX_TOKEN_LENGTH } from '../../vault/placeholder.js';

/**
 * Restoration of one text field that arrives in pieces (a delta stream). Text is released as soon as
 * it cannot be part of a token; only a tail that is a proper prefix of `[[~*KIND_CODE]]` is held,
 * so text without `[` is never delayed. Hand-written: no library restores tokens incrementally.
 */
export class TextRestorer {
  #held = '';
  readonly #lookup: Lookup;
  readonly #json: boolean;

  /** `json`: the field is raw JSON text (tool-call arguments); values are JSON-string-escaped. */
  constructor(lookup: Lookup, json = false) {
    this.#lookup = lookup;
    this.#json = json;
  }

  get holding(): boolean {
    return this.#held !== '';
  }

  /** Restored text safe to emit now (possibly empty). */
  push(chunk: string): string {
    const s = this.#held === '' ? chunk : this.#held + chunk;
    const cut = heldFrom(s);
    if (cut === s.length) {
      this.#held = '';
      return restoreText(s, this.#lookup, this.#json);
    }
    this.#held = s.slice(cut);
    return restoreText(s.slice(0, cut), this.#lookup, this.#json);
  }

  /** The held tail, at the end of the field: it never completed, so it is emitted as it is. */
  flush(): string {
    const tail = this.#held;
    this.#held = '';
    return tail;
  }
}

/** Index of the longest suffix of `s` that could still grow into a token; `s.length` if none. */
export function heldFrom(s: string): number {
  let i = s.indexOf('[', Math.max(0, s.length - (MAX_TOKEN_LENGTH - 1)));
  while (i !== -1) {
    if (isTokenPrefix(s, i)) return i;
    i = s.indexOf('[', i + 1);
  }
  return s.length;
}

const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isBodyChar = (c: number) => isUpper(c) || isDigit(c) || c === 95;
// Crockford: digits and A–Z without I, L, O, U.
const isCodeChar = (c: number) => isDigit(c) || (isUpper(c) && c !== 73 && c !== 76 && c !== 79 && c !== 85);
const BODY_MAX = KIND_MAX + 1 + CODE_LENGTH;

/** Whether `s.slice(i)` is a proper (incomplete) prefix of `[[` ~{0,16} KIND `_` CODE `]]`. */
export function isTokenPrefix(s: string, i: number): boolean {
  const n = s.length;
  let p = i;
  for (let k = 0; k < 2; k++, p++) {
    if (p === n) return true;
    if (s.charCodeAt(p) !== 91) return false;
  }
  const tildesStart = p;
  while (p < n && s.charCodeAt(p) === 126) p++;
  if (p - tildesStart > MAX_ESCAPE_TILDES) return false;
  if (p === n) return true;
  if (!isUpper(s.charCodeAt(p))) return false;
  const bodyStart = p;
  while (p < n && isBodyChar(s.charCodeAt(p))) p++;
  const bodyLen = p - bodyStart;
  if (bodyLen > BODY_MAX) return false;
  if (p === n) return isBodyPrefix(s, bodyStart, bodyLen);
  if (!isCompleteBody(s, bodyStart, bodyLen) || s.charCodeAt(p) !== 93) return false;
  return p + 1 === n; // `]` seen, the final `]` still to come
}

/** The body so far can still be completed: a kind so far, or kind `_` and a partial code. */
function isBodyPrefix(s: string, start: number, len: number): boolean {
  if (len <= KIND_MAX) return true;
  for (let j = Math.max(1, len - 1 - CODE_LENGTH); j <= Math.min(KIND_MAX, len - 1); j++) {
    if (s.charCodeAt(start + j) === 95 && allCode(s, start + j + 1, start + len)) return true;
  }
  return false;
}

function isCompleteBody(s: string, start: number, len: number): boolean {
  const sep = len - 1 - CODE_LENGTH;
  return sep >= 1 && sep <= KIND_MAX && s.charCodeAt(start + sep) === 95 && allCode(s, start + sep + 1, start + len);
}

function allCode(s: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isCodeChar(s.charCodeAt(k))) return false;
  return true;
}
