import { validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { ALNUM, FEATURE_LOWER, is } from '../chars.js';
import type { Detector, Emit } from '../detector.js';

// BIP-39 mnemonic phrases (English word list): 12, 15, 18, 21 or 24 list words, lowercase, separated
// by whitespace, commas or quotes, optionally numbered ("1. abandon 2. ability"). A candidate is
// reported only if @scure/bip39 accepts it: every word on the list and the checksum right.
//
// Finding candidates by reading every word would cost far more than any other detector, so the text
// is sampled: a 12-word phrase spans at least 12×3 + 11 = 47 characters, so one in every STRIDE
// characters is looked at, and only a sample that lands on a list word is expanded word by word.
/**
 * BIP-39 English words are unique in their first four letters, so a word is looked up by a small
 * integer made of those (base 27, no string slice or hash) and then compared letter by letter.
 */
const prefixCode = (text: string, s: number, e: number): number => {
  let code = 0;
  for (let i = s; i < s + 4; i++) code = code * 27 + (i < e ? text.charCodeAt(i) - 96 : 0);
  return code;
};
const BY_PREFIX: ReadonlyMap<number, string> = new Map(wordlist.map((w) => [prefixCode(w, 0, w.length), w]));

const STRIDE = 44;
const LENGTHS = [24, 21, 18, 15, 12];
const MIN_WORDS = 12;
/** A run of list words longer than a phrase plus a couple of neighbours is a word list, not a seed. */
const MAX_RUN = 26;
const MAX_WORD = 8;
const MAX_SEPARATOR = 8;
/** Real phrases repeat few words; `abandon ×11 about` and friends are public test vectors. */
const MIN_DISTINCT = 6;

// Character classes as a table: this runs on every sample, so no Set lookups or allocations.
const LOWER = 1;
const BREAK = 2;
const NUMBERING = 4;
const CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (const c of ' \t\r\n,;"\'') CLASS[c.charCodeAt(0)] = BREAK;
// List numbering between words: "1.", "12)", "3:", "#4", "- ".
for (const c of '0123456789.):#-') CLASS[c.charCodeAt(0)] = NUMBERING;
const classAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c < 128 ? CLASS[c]! : 0;
};

/** The word found by the last successful wordAt/nextWord/prevWord call, as [wordStart, wordEnd). */
let wordStart = 0;
let wordEnd = 0;

/**
 * The list word around `i` into wordStart/wordEnd; false when there is none (not 3–8 lowercase
 * letters standing alone, or not on the list). Reads at most MAX_WORD + 1 letters each way, so
 * samples inside a long run of letters stay cheap.
 */
function listedWordAt(text: string, i: number): boolean {
  let s = i;
  while (s > 0 && i - s <= MAX_WORD && classAt(text, s - 1) === LOWER) s--;
  if (i - s > MAX_WORD || is(text.charCodeAt(s - 1), ALNUM)) return false;
  // The first four letters decide most words (and every list word) before the rest is read.
  let p4 = s;
  while (p4 < s + 4 && classAt(text, p4) === LOWER) p4++;
  const word = BY_PREFIX.get(prefixCode(text, s, p4));
  if (word === undefined) return false;
  let e = p4;
  while (e < text.length && e - s <= MAX_WORD && classAt(text, e) === LOWER) e++;
  if (e - s !== word.length || is(text.charCodeAt(e), ALNUM)) return false;
  for (let k = 4; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(s + k)) return false;
  wordStart = s;
  wordEnd = e;
  return true;
}

/** The list word after the separator starting at `i`. */
function nextWord(text: string, i: number): boolean {
  let j = i;
  let broke = false;
  for (let k; j < text.length && j - i < MAX_SEPARATOR && (k = classAt(text, j)) !== LOWER && k !== 0; j++) broke ||= k === BREAK;
  return broke && classAt(text, j) === LOWER && listedWordAt(text, j) && wordStart === j;
}

/** The list word before the separator ending at `i`. */
function prevWord(text: string, i: number): boolean {
  let j = i;
  let broke = false;
  for (let k; j > 0 && i - j < MAX_SEPARATOR && (k = classAt(text, j - 1)) !== LOWER && k !== 0; j--) broke ||= k === BREAK;
  return broke && j > 0 && classAt(text, j - 1) === LOWER && listedWordAt(text, j - 1) && wordEnd === j;
}

/** Whether the text at `i` (a letter, or a separator before one) is a list word. */
function listedNear(text: string, i: number): boolean {
  let q = i;
  while (q < text.length && q - i < MAX_SEPARATOR && (classAt(text, q) & (BREAK | NUMBERING)) !== 0) q++;
  return q < text.length && classAt(text, q) === LOWER && listedWordAt(text, q);
}

function acceptable(words: string[]): boolean {
  if (new Set(words).size < MIN_DISTINCT) return false;
  // Consecutive entries of the word list itself (documentation quoting it) are not a phrase.
  let sorted = true;
  for (let i = 1; i < words.length && sorted; i++) sorted = words[i - 1]! < words[i]!;
  return !sorted && validateMnemonic(words.join(' '), wordlist);
}

/** Reports the longest valid phrase(s) in a run of list words. */
function checkRun(text: string, run: [number, number][], emit: Emit): void {
  const words = run.map(([s, e]) => text.slice(s, e));
  let from = 0;
  while (run.length - from >= MIN_WORDS) {
    let found = false;
    for (const length of LENGTHS) {
      for (let off = from; off + length <= run.length && !found; off++) {
        if (!acceptable(words.slice(off, off + length))) continue;
        emit(run[off]![0], run[off + length - 1]![1]);
        from = off + length;
        found = true;
      }
      if (found) break;
    }
    if (!found) return;
  }
}

function find(text: string, emit: Emit): void {
  let p = STRIDE - 1;
  while (p < text.length) {
    if (!listedNear(text, p)) {
      p += STRIDE;
      continue;
    }
    const w0 = wordStart;
    const w1 = wordEnd;
    const run: [number, number][] = [[w0, w1]];
    for (let at = w0; run.length <= MAX_RUN && prevWord(text, at); at = wordStart) run.unshift([wordStart, wordEnd]);
    for (let at = w1; run.length <= MAX_RUN && nextWord(text, at); at = wordEnd) run.push([wordStart, wordEnd]);
    if (run.length >= MIN_WORDS && run.length <= MAX_RUN) checkRun(text, run, emit);
    // A run too long to be a phrase is skipped to its end (a pasted word list costs one read).
    let end = run[run.length - 1]![1];
    if (run.length > MAX_RUN) while (nextWord(text, end)) end = wordEnd;
    p = end + STRIDE;
  }
}

export const seedPhrase: Detector = {
  id: 'seed-phrase',
  category: 'secret',
  kind: 'SEED_PHRASE',
  anchor: 'sampled every 44 chars: a lowercase BIP-39 word, expanded to the run of list words around it (whitespace, commas, quotes, numbering between); 12/15/18/21/24 words, word list and checksum (@scure/bip39)',
  patterns: [],
  minLength: 47,
  requires: FEATURE_LOWER,
  find,
};
