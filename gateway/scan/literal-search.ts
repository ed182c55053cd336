/**
 * Case-insensitive search for an ASCII literal (`ookie`, `uthorization`) through one of its letters
 * (the rarest: `k`, `z`) found with indexOf in both cases, then the rest compared in place. A regex
 * like /ookie/gi is led by a common letter in either case and tried at each of them; indexOf of a
 * rare letter skips through the text several times faster. Gives what `exec` of /literal/gi would
 * from the same `lastIndex` (test/gateway/scan/literal-search.test.ts): in a non-unicode regex with
 * the `i` flag, no character outside ASCII matches an ASCII letter.
 */
export interface CaseFreeLiteral {
  /** The literal in lower case: letters only, so `| 0x20` folds a text character to compare. */
  readonly lower: string;
  /** Index of the letter searched for, and that letter in both cases. */
  readonly pivot: number;
  readonly pivotLower: string;
  readonly pivotUpper: string;
}

export function caseFreeLiteral(literal: string, pivotLetter: string): CaseFreeLiteral {
  const lower = literal.toLowerCase();
  const letters = [...lower].every((c) => c >= 'a' && c <= 'z');
  if (!letters || !lower.includes(pivotLetter)) throw new Error(`caseFreeLiteral: ${literal} must be ASCII letters holding ${pivotLetter}`);
  return { lower, pivot: lower.indexOf(pivotLetter), pivotLower: pivotLetter, pivotUpper: pivotLetter.toUpperCase() };
}

function matchesAt(text: string, start: number, lower: string): boolean {
  if (start < 0 || start + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) if ((text.charCodeAt(start + k) | 0x20) !== lower.charCodeAt(k)) return false;
  return true;
}

/**
 * Occurrences of one literal in one text, in order. Keeps where it last found the pivot letter in
 * each case, so a text is read about once whatever the order of the two cases (a search for the
 * rarer case is not repeated after every match of the other).
 */
export class LiteralSearch {
  /** Next pivot position in each case at or after the last minimum; -1: none left; -2: not searched. */
  #lower = -2;
  #upper = -2;
  #lastFrom = 0;

  constructor(
    private readonly literal: CaseFreeLiteral,
    private readonly text: string,
  ) {}

  /** Start of the first occurrence at or after `from`, or -1. */
  next(from: number): number {
    const { text, literal } = this;
    if (from < this.#lastFrom) {
      this.#lower = -2;
      this.#upper = -2;
    }
    this.#lastFrom = from;
    let min = from + literal.pivot;
    for (;;) {
      if (this.#lower !== -1 && this.#lower < min) this.#lower = text.indexOf(literal.pivotLower, min);
      if (this.#upper !== -1 && this.#upper < min) this.#upper = text.indexOf(literal.pivotUpper, min);
      const q = this.#lower === -1 ? this.#upper : this.#upper === -1 ? this.#lower : Math.min(this.#lower, this.#upper);
      if (q === -1) return -1;
      if (matchesAt(text, q - literal.pivot, literal.lower)) return q - literal.pivot;
      min = q + 1;
    }
  }
}
