import type { Finding } from '../types.js';
import { proseLines } from './prose.js';

/** A word of a full name is linked only from this length on (`Li` alone is too often something else). */
const MIN_LINK_LENGTH = 3;
const SPACES = /\s+/;
/**
 * A capitalised word, `[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ]*`, is a candidate to look up among the linked
 * names: the regex finds its capital, the letters after it are read by char code, and only a word
 * as long as some linked word is sliced and looked up (no match array or string per capital).
 */
const CAPITAL = /[A-ZÀ-ÖØ-Þ]/g;
const isNameLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);

/** Index (even) of the prose line pair holding `at`, or -1. */
function lineOf(lines: readonly number[], at: number): number {
  let lo = 0;
  let hi = lines.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid * 2 + 1]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < lines.length / 2 && lines[lo * 2]! <= at ? lo * 2 : -1;
}

/** Whether [start, end) overlaps a finding of `list` (sorted by start, non-overlapping): binary search. */
function overlapsAny(list: readonly Finding[], start: number, end: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length && list[lo]!.start < end;
}
/** Before a word standing alone: a space or opening punctuation; after it: closing punctuation, then a space or the line end. */
const OPENING = /[\s(["'“‘]/;
const CLOSING = /^(?:['’]s)?[)"'”’\],.;:!?]*(?:\s|$)/;

/** `Kowalczyk said`, `(Kowalczyk)`, `Kowalczyk's`, but not `src/Kowalczyk.ts` or `KowalczykService`. */
function standsAlone(text: string, at: number, end: number, lineStart: number, lineEnd: number): boolean {
  if (at > lineStart && !OPENING.test(text[at - 1]!)) return false;
  return CLOSING.test(text.slice(end, Math.min(lineEnd, end + 8)));
}

/**
 * One person, one placeholder, across the strings of a request (the whole conversation is re-sent
 * every turn): after a full name (`Maria Kowalczyk`), each of its words found alone — by the
 * detector (`Maria's`) or here (`Kowalczyk said`) — stands for the full name (Finding.value), so it
 * gets the same placeholder and restores as the full name. A word shared by two full names is left
 * as found. `findings` is updated in place and stays sorted and non-overlapping.
 */
export function linkNames(texts: readonly string[], findings: Finding[][], prose: readonly boolean[]): void {
  const fullOf = new Map<string, string | null>();
  for (let i = 0; i < texts.length; i++) {
    for (const f of findings[i]!) {
      if (f.detector !== 'person') continue;
      const full = texts[i]!.slice(f.start, f.end);
      const words = full.split(SPACES);
      if (words.length < 2) continue;
      for (const w of words) {
        if (w.length < MIN_LINK_LENGTH) continue;
        const seen = fullOf.get(w);
        if (seen === undefined) fullOf.set(w, full);
        else if (seen !== full) fullOf.set(w, null);
      }
    }
  }
  if (fullOf.size === 0) return;
  let longest = 0;
  for (const w of fullOf.keys()) longest = Math.max(longest, w.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i]!;
    const list = findings[i]!;
    for (const f of list) {
      if (f.detector === 'person') {
        const full = fullOf.get(text.slice(f.start, f.end));
        if (full) f.value = full;
      }
    }
    if (!prose[i]) continue;
    const added: Finding[] = [];
    let lines: readonly number[] | undefined;
    // One pass over the text's capitalised words, each looked up once; the prose lines are listed
    // only when a linked word turns up outside the findings.
    CAPITAL.lastIndex = 0;
    while (CAPITAL.test(text)) {
      const at = CAPITAL.lastIndex - 1;
      let end = at + 1;
      while (end < text.length && isNameLetter(text.charCodeAt(end))) end++;
      CAPITAL.lastIndex = end;
      if (end - at < MIN_LINK_LENGTH || end - at > longest) continue;
      const full = fullOf.get(text.slice(at, end));
      if (!full) continue;
      if (overlapsAny(list, at, end)) continue;
      lines ??= proseLines(text);
      const line = lineOf(lines, at);
      if (line < 0 || end > lines[line + 1]! || !standsAlone(text, at, end, lines[line]!, lines[line + 1]!)) continue;
      added.push({ detector: 'person', category: 'name', kind: 'PERSON', start: at, end, value: full });
    }
    if (added.length > 0) {
      list.push(...added);
      list.sort((a, b) => a.start - b.start);
    }
  }
}

export const LINK_PATTERNS: readonly RegExp[] = [SPACES, CAPITAL, OPENING, CLOSING];
