import { WORD, is } from './chars.js';

/**
 * Maximal runs of word characters ([A-Za-z0-9_]) at least `min` long, as start/end pairs: where
 * base58 addresses and keys can be (each must be a whole run). Found by sampling every `min`-th
 * character instead of reading them all: any run that long contains a sample, and a sample on a
 * short word costs the few characters of that word. Long runs are read once, whole.
 */
export function longWords(text: string, min: number): number[] {
  const runs: number[] = [];
  const n = text.length;
  let floor = 0;
  let p = min - 1;
  while (p < n) {
    if (!is(text.charCodeAt(p), WORD)) {
      p += min;
      continue;
    }
    let start = p;
    while (start > floor && is(text.charCodeAt(start - 1), WORD)) start--;
    let end = p + 1;
    while (end < n && is(text.charCodeAt(end), WORD)) end++;
    if (end - start >= min) runs.push(start, end);
    floor = end;
    p = end + min;
  }
  return runs;
}
