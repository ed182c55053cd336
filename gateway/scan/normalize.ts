import { ScanLimitError } from './errors.js';

/**
 * The text detectors look at: every character folded with NFKC (fullwidth `ｍａｒｉａ＠…` and small-form
 * `﹫` become ASCII, `①` a digit, ligatures their letters) and every invisible character removed
 * (below), with a map back to the original offsets. A finding then covers the original characters,
 * invisible ones inside it included, so the placeholder stands for exactly what the client sent and
 * restoration gives it back byte for byte.
 *
 * Hand-written: `String.prototype.normalize` folds but keeps no offsets, and no maintained package
 * maps them. Folding is per character (a base with its combining marks normalised together), which
 * is NFKC for everything detectors match; cross-character Hangul jamo composition is not done.
 */
export interface NormalizedView {
  readonly text: string;
  /** Original offset of the span starting at view offset `i` (inside a folded character: its start). */
  start(i: number): number;
  /** Original offset of the span ending at view offset `i`, exclusive (inside a folded character: its end). */
  end(i: number): number;
}

/**
 * Invisible code points, as inclusive ranges: soft hyphen, combining grapheme joiner, Arabic letter
 * mark, Hangul fillers, Khmer inherent vowels, Mongolian variation selectors and vowel separator,
 * zero-width space/non-joiner/joiner, LRM/RLM, bidi embeddings, overrides and isolates, word joiner
 * and invisible operators, deprecated format controls, variation selectors, BOM/ZWNBSP,
 * interlinear annotation controls, shorthand format controls, musical format controls, tag
 * characters and the variation selectors supplement. Models read text with these as if they were
 * absent, so detectors must too.
 */
export const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5],
  [0x180b, 0x180f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164],
  [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0], [0xfff9, 0xfffb], [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a], [0xe0000, 0xe007f], [0xe0100, 0xe01ef],
];

export function isInvisible(cp: number): boolean {
  for (const [lo, hi] of INVISIBLE_RANGES) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

/**
 * Beyond NFKC: the Unicode hyphens NFKC keeps (U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN) read as
 * `-` to anyone, and word processors put them into pasted keys (`sk‑proj‑…`).
 */
const EXTRA_FOLDS: ReadonlyMap<number, string> = new Map([
  [0x2010, '-'],
  [0x2011, '-'],
]);

// eslint-disable-next-line no-control-regex -- the whole ASCII range, NUL included, is what "not ASCII" excludes
const NON_ASCII = /[^\x00-\x7F]/;
// eslint-disable-next-line no-control-regex -- as above; global, to hop from one non-ASCII character to the next
const NEXT_NON_ASCII = /[^\x00-\x7F]/g;
const COMBINING_MARK = /^\p{M}$/u;
/** A view longer than this many times the original (plus a little) is refused: only crafted text expands that much. */
const MAX_EXPANSION = 4;

const UNKNOWN = 0;
const KEEP = 1;
const REMOVE = 2;
const FOLD = 3;
const MARK = 4;

/** Class of each BMP code point, computed on first sight; astral ones in a map. */
const bmpClass = new Uint8Array(0x10000);
const astralClass = new Map<number, number>();
/** NFKC of single code points that fold, and of clusters with combining marks (bounded). */
const folded = new Map<string, string>();
const MAX_CACHED = 4096;

function classify(cp: number): number {
  if (isInvisible(cp)) return REMOVE;
  if (EXTRA_FOLDS.has(cp)) return FOLD;
  const ch = String.fromCodePoint(cp);
  if (COMBINING_MARK.test(ch)) return MARK;
  return ch.normalize('NFKC') === ch ? KEEP : FOLD;
}

function classOf(cp: number): number {
  if (cp < 0x10000) {
    let k = bmpClass[cp]!;
    if (k === UNKNOWN) bmpClass[cp] = k = classify(cp);
    return k;
  }
  let k = astralClass.get(cp);
  if (k === undefined) {
    k = classify(cp);
    if (astralClass.size < MAX_CACHED) astralClass.set(cp, k);
  }
  return k;
}

function nfkc(s: string): string {
  let n = folded.get(s);
  if (n === undefined) {
    n = s.length <= 2 ? (EXTRA_FOLDS.get(s.codePointAt(0)!) ?? s.normalize('NFKC')) : s.normalize('NFKC');
    if (folded.size >= MAX_CACHED) folded.clear();
    folded.set(s, n);
  }
  return n;
}

/** Code point at `i` and its length in UTF-16 units (a lone surrogate stands for itself). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const width = (cp: number): number => (cp > 0xffff ? 2 : 1);

/**
 * One entry per changed piece of the original: view [vStart, vEnd) replaces original [oStart, oEnd).
 * Removed characters have vStart === vEnd. Sorted by original offset, so vStart never decreases.
 */
class FoldedView implements NormalizedView {
  constructor(
    readonly text: string,
    private readonly vStart: readonly number[],
    private readonly vEnd: readonly number[],
    private readonly oStart: readonly number[],
    private readonly oEnd: readonly number[],
  ) {}

  /** The last change whose view start is at or before `v`, or -1. */
  #last(v: number): number {
    let lo = 0;
    let hi = this.vStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vStart[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  start(i: number): number {
    const k = this.#last(i);
    if (k < 0) return i;
    return i < this.vEnd[k]! ? this.oStart[k]! : this.oEnd[k]! + (i - this.vEnd[k]!);
  }

  end(i: number): number {
    if (i <= 0) return this.start(0);
    const k = this.#last(i - 1);
    if (k < 0) return i;
    return i - 1 < this.vEnd[k]! ? this.oEnd[k]! : this.oEnd[k]! + (i - this.vEnd[k]!);
  }
}

/**
 * The normalised view of `text`, or null when it equals `text` (pure ASCII, or nothing to fold or
 * remove): the fast path allocates nothing and reads the text once. Throws ScanLimitError when the view would grow past
 * MAX_EXPANSION times the text (crafted runs of U+FDFA and the like), so the caller fails closed.
 */
export function normalizeForScan(text: string): NormalizedView | null {
  // Pure ASCII is one UTF-8 byte per character; Node counts that about twice as fast as a regex scans.
  if (Buffer.byteLength(text, 'utf8') === text.length) return null;
  const first = text.search(NON_ASCII);
  if (first < 0) return null;
  const vStart: number[] = [];
  const vEnd: number[] = [];
  const oStart: number[] = [];
  const oEnd: number[] = [];
  const pieces: string[] = [];
  const limit = MAX_EXPANSION * text.length + 64;
  let from = 0;
  let length = 0;
  // Runs of ASCII are skipped by the regex engine (several GB/s), not read here one by one.
  for (let i = first; i < text.length; ) {
    if (text.charCodeAt(i) < 0x80) {
      NEXT_NON_ASCII.lastIndex = i;
      if (!NEXT_NON_ASCII.test(text)) break;
      i = NEXT_NON_ASCII.lastIndex - 1;
      continue;
    }
    const cp = codePointAt(text, i);
    const kind = classOf(cp);
    if (kind === KEEP) {
      i += width(cp);
      continue;
    }
    let start = i;
    let end = i + width(cp);
    let replacement = '';
    if (kind === REMOVE) {
      while (end < text.length && text.charCodeAt(end) >= 0x80 && classOf(codePointAt(text, end)) === REMOVE) end += width(codePointAt(text, end));
    } else {
      // A combining mark composes with the character before it, when that one is still unchanged.
      if (kind === MARK && i > from) start = i - (i - 1 > from && codePointAt(text, i - 2) > 0xffff ? 2 : 1);
      while (end < text.length && text.charCodeAt(end) >= 0x80 && classOf(codePointAt(text, end)) === MARK) end += width(codePointAt(text, end));
      const cluster = text.slice(start, end);
      replacement = nfkc(cluster);
      if (replacement === cluster) {
        i = end;
        continue;
      }
    }
    pieces.push(text.slice(from, start), replacement);
    length += start - from;
    vStart.push(length);
    oStart.push(start);
    length += replacement.length;
    vEnd.push(length);
    oEnd.push(end);
    if (length > limit) throw new ScanLimitError(length, limit);
    from = end;
    i = end;
  }
  if (vStart.length === 0) return null;
  pieces.push(text.slice(from));
  return new FoldedView(pieces.join(''), vStart, vEnd, oStart, oEnd);
}

export const NORMALIZE_PATTERNS: readonly RegExp[] = [NON_ASCII, NEXT_NON_ASCII, COMBINING_MARK];
