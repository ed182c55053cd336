import type { Finding } from '../scan/types.js';
import { escapeInput } from './placeholder.js';

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
  if (findings.length === 0) return { text: escapeInput(text), count: 0 };
  let out = '';
  let pos = 0;
  for (const f of findings) {
    if (!(f.start >= pos && f.end > f.start && f.end <= text.length)) {
      throw new RangeError(`finding ${f.detector} [${f.start}, ${f.end}) is out of order or out of range`);
    }
    out += escapeInput(text.slice(pos, f.start));
    out += mint(f.kind, f.value ?? text.slice(f.start, f.end));
    pos = f.end;
  }
  out += escapeInput(text.slice(pos));
  return { text: out, count: findings.length };
}
