/**
 * Invisible and bidirectional control characters: where they sit, as runs worth flagging. Removing
 * them for phrase checks is the scanner's normalised view (gateway/scan/normalize.ts).
 * Hand-written: no maintained library classifies these runs with the exclusions emoji and scripts need.
 */

export type ControlKind = 'bidi-control' | 'zero-width' | 'tag-characters';

export interface ControlRun {
  readonly kind: ControlKind;
  readonly start: number;
  readonly end: number;
}

/** LRE RLE PDF LRO RLO (U+202A–202E) and LRI RLI FSI PDI (U+2066–2069): Trojan-Source reordering. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]{1,1024}/g;
/** ZWSP ZWNJ ZWJ (U+200B–200D), word joiner (U+2060), BOM / ZWNBSP (U+FEFF). */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]{1,1024}/g;
/** Unicode tag characters U+E0000–E007F: invisible ASCII look-alikes used to smuggle text. */
const TAGS = /[\u{E0000}-\u{E007F}]{1,1024}/gu;
const ANY_INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]|\uDB40[\uDC00-\uDC7F]/;
const WAVING_BLACK_FLAG = '\u{1F3F4}';

/**
 * Zero-width characters have honest uses: a BOM at the start of a file, ZWJ inside emoji sequences,
 * ZWNJ/ZWJ in Persian and Indic text, a lone ZWSP as a line-break hint in web pages. All of those are
 * single characters, so only runs of two or more are flagged; a lone one splitting a keyword is caught
 * by the phrase checks, which run on the text with invisibles removed.
 */
const MIN_ZERO_WIDTH_RUN = 2;

/** A subdivision flag (England, Scotland, Wales) is U+1F3F4, up to six tag letters and CANCEL TAG. */
function tagsAreFlag(text: string, start: number, end: number): boolean {
  const units = end - start;
  return text.startsWith(WAVING_BLACK_FLAG, start - 2) && units <= 14 && text.codePointAt(end - 2) === 0xe007f;
}

export function findControlRuns(text: string, kinds?: ReadonlySet<ControlKind>): ControlRun[] {
  if (!ANY_INVISIBLE.test(text)) return [];
  const runs: ControlRun[] = [];
  const want = (k: ControlKind) => kinds === undefined || kinds.has(k);
  if (want('bidi-control')) {
    for (const m of text.matchAll(BIDI)) runs.push({ kind: 'bidi-control', start: m.index, end: m.index + m[0].length });
  }
  if (want('zero-width')) {
    for (const m of text.matchAll(ZERO_WIDTH)) {
      const end = m.index + m[0].length;
      if (m[0].length >= MIN_ZERO_WIDTH_RUN) runs.push({ kind: 'zero-width', start: m.index, end });
    }
  }
  if (want('tag-characters')) {
    for (const m of text.matchAll(TAGS)) {
      const end = m.index + m[0].length;
      if (!tagsAreFlag(text, m.index, end)) runs.push({ kind: 'tag-characters', start: m.index, end });
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

export const UNICODE_PATTERNS: readonly RegExp[] = [BIDI, ZERO_WIDTH, TAGS, ANY_INVISIBLE];
