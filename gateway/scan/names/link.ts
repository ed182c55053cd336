import type { Finding } from '../types.js';
import { forEachProseLine } from './prose.js';

/** A word of a full name is linked only from this length on (`Li` alone is too often something else). */
const MIN_LINK_LENGTH = 3;
const SPACES = /\s+/;
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
  const linked = [...fullOf].filter((e): e is [string, string] => e[1] !== null);
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
    forEachProseLine(text, (ls, le) => {
      for (const [word, full] of linked) {
        for (let at = text.indexOf(word, ls); at !== -1 && at + word.length <= le; at = text.indexOf(word, at + word.length)) {
          const end = at + word.length;
          if (!standsAlone(text, at, end, ls, le)) continue;
          if (list.some((f) => f.start < end && at < f.end)) continue;
          added.push({ detector: 'person', category: 'name', kind: 'PERSON', start: at, end, value: full });
        }
      }
    });
    if (added.length > 0) {
      list.push(...added);
      list.sort((a, b) => a.start - b.start);
    }
  }
}

export const LINK_PATTERNS: readonly RegExp[] = [SPACES, OPENING, CLOSING];
