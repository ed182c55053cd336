import { DIGIT, at } from './chars.js';

// Nine digits with at most two separator chars between each: every phone, card, SSN and Chinese ID
// has that many. Explicit atoms (no \d{n}, no leading lookbehind) keep V8's Boyer-Moore skip
// effective. One pass of this regex serves all four detectors (ScanContext.digitRuns).
const SEP = '[ .\\-/()]{0,2}';
export const DIGIT_RUN_ANCHOR = new RegExp('\\d\\d' + (SEP + '\\d').repeat(7), 'g');
const RUN_CHARS = new Set([...'0123456789 .-/()+']);

function isRunChar(text: string, i: number): boolean {
  return i >= 0 && i < text.length && RUN_CHARS.has(text[i]);
}

/**
 * Maximal runs of digits, separators, parentheses and '+' that contain nine digits close together,
 * as start/end pairs: "+1 (415) 555-2671", "4111 1111 1111 1111 12/25", "2024-05-01 12". Leading
 * and trailing separators are trimmed; each character belongs to at most one run.
 */
export function digitRuns(text: string): number[] {
  const runs: number[] = [];
  let floor = 0;
  DIGIT_RUN_ANCHOR.lastIndex = 0;
  for (let m = DIGIT_RUN_ANCHOR.exec(text); m !== null; m = DIGIT_RUN_ANCHOR.exec(text)) {
    let start = m.index;
    while (start > floor && isRunChar(text, start - 1)) start--;
    let end = m.index + m[0].length;
    while (isRunChar(text, end)) end++;
    while (start < end && !at(text, start, DIGIT) && text[start] !== '+' && text[start] !== '(') start++;
    while (end > start && !at(text, end - 1, DIGIT) && text[end - 1] !== ')') end--;
    runs.push(start, end);
    floor = end;
    DIGIT_RUN_ANCHOR.lastIndex = end;
  }
  return runs;
}

/**
 * Every digit group that starts inside a run (a digit not preceded by a digit), as pairs of
 * (group start, end of its run), in order. Computed once per scan and shared by the detectors.
 */
export function digitGroups(text: string, runs: readonly number[]): number[] {
  const groups: number[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    const end = runs[r + 1];
    for (let j = runs[r]; j < end; j++) {
      if (at(text, j, DIGIT) && !at(text, j - 1, DIGIT)) groups.push(j, end);
    }
  }
  return groups;
}
