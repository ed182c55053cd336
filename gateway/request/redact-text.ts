import type { Finding } from '../scan/types.js';
import { escapeInput } from '../vault/placeholder.js';

export type MintForKind = (kind: string, value: string) => string;

export interface RedactedText {
  text: string;
  /** Findings replaced by a placeholder. */
  count: number;
}

/**
 * Replace each finding with the placeholder `mint` gives for its value, and escape placeholder-shaped
 * text in the gaps between findings so it can never be taken for ours. Call it on every scanned
 * string, findings or not: the escape is what keeps client text out of restoration.
 *
 * `findings` must be sorted and non-overlapping (the scanner's contract); anything else throws,
 * because a malformed span would forward part of a value in clear.
 */
export function redactText(text: string, findings: readonly Finding[], mint: MintForKind): RedactedText {
  const r = new TextRedactor(text, findings, mint);
  r.step(findings.length);
  return r.result();
}

/**
 * `redactText` in steps, so a caller can give the event loop a turn between them: one string may
 * hold a hundred thousand findings, each costing a keyed hash.
 */
export class TextRedactor {
  readonly #text: string;
  readonly #findings: readonly Finding[];
  readonly #mint: MintForKind;
  #out = '';
  #pos = 0;
  #next = 0;

  constructor(text: string, findings: readonly Finding[], mint: MintForKind) {
    this.#text = text;
    this.#findings = findings;
    this.#mint = mint;
  }

  get done(): boolean {
    return this.#next >= this.#findings.length;
  }

  /** Replaces up to `n` more findings. */
  step(n: number): void {
    const text = this.#text;
    const end = Math.min(this.#findings.length, this.#next + n);
    for (; this.#next < end; this.#next++) {
      const f = this.#findings[this.#next]!;
      if (!(f.start >= this.#pos && f.end > f.start && f.end <= text.length)) {
        throw new RangeError(`finding ${f.detector} [${f.start}, ${f.end}) is out of order or out of range`);
      }
      this.#out += escapeInput(text.slice(this.#pos, f.start));
      // A name linked to its full form (names/link.ts) carries that form as `value`: one placeholder for both.
      this.#out += this.#mint(f.kind, f.value ?? text.slice(f.start, f.end));
      this.#pos = f.end;
    }
  }

  /** The rewritten text; call once `done`. */
  result(): RedactedText {
    if (this.#findings.length === 0) return { text: escapeInput(this.#text), count: 0 };
    return { text: this.#out + escapeInput(this.#text.slice(this.#pos)), count: this.#findings.length };
  }
}
