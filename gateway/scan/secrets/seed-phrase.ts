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
/** Words as numbers (base 27, up to 8 letters is exact), so membership needs no slice or string hash. */
function codeOf(text: string, s: number, e: number): number {
  let code = 0;
  for (let i = s; i < e; i++) code = code * 27 + (text.charCodeAt(i) - 96);
  return code;
}
const WORDS: ReadonlySet<number> = new Set(wordlist.map((w) => codeOf(w, 0, w.length)));
const STRIDE = 44;
const LENGTHS = [24, 21, 18, 15, 12];
const MIN_WORDS = 12;
/** A run of list words longer than a phrase plus a couple of neighbours is a word list, not a seed. */
const MAX_RUN = 26;
const MAX_WORD = 8;
const MAX_SEPARATOR = 8;
/** Real phrases repeat few words; `abandon ×11 about` and friends are public test vectors. */
const MIN_DISTINCT = 6;

const isLower = (c: number) => c >= 97 && c <= 122;
const BREAKS = new Set([...' \t\r\n,;"\''].map((c) => c.charCodeAt(0)));
// List numbering between words: "1.", "12)", "3:", "#4", "- ".
const NUMBERING = new Set([...'0123456789.):#-'].map((c) => c.charCodeAt(0)));

/**
 * The lowercase word around `i` as [start, end), or null when it is part of a longer token. Reads at
 * most MAX_WORD + 1 letters each way, so samples inside a long run of letters stay cheap.
 */
function wordAt(text: string, i: number): [number, number] | null {
  let s = i;
  while (s > 0 && i - s <= MAX_WORD && isLower(text.charCodeAt(s - 1))) s--;
  let e = i;
  while (e < text.length && e - i <= MAX_WORD && isLower(text.charCodeAt(e))) e++;
  if (e - s > MAX_WORD || e - s < 3 || is(text.charCodeAt(s - 1), ALNUM) || is(text.charCodeAt(e), ALNUM)) return null;
  return [s, e];
}

const listed = (text: string, w: [number, number] | null): w is [number, number] => w !== null && WORDS.has(codeOf(text, w[0], w[1]));

/** The list word after the separator starting at `i`, or null. */
function nextWord(text: string, i: number): [number, number] | null {
  let j = i;
  let broke = false;
  while (j < text.length && j - i < MAX_SEPARATOR) {
    const c = text.charCodeAt(j);
    if (BREAKS.has(c)) broke = true;
    else if (!NUMBERING.has(c)) break;
    j++;
  }
  if (!broke || !isLower(text.charCodeAt(j))) return null;
  const w = wordAt(text, j);
  return listed(text, w) && w[0] === j ? w : null;
}

/** The list word before the separator ending at `i`, or null. */
function prevWord(text: string, i: number): [number, number] | null {
  let j = i;
  let broke = false;
  while (j > 0 && i - j < MAX_SEPARATOR) {
    const c = text.charCodeAt(j - 1);
    if (BREAKS.has(c)) broke = true;
    else if (!NUMBERING.has(c)) break;
    j--;
  }
  if (!broke || j === 0 || !isLower(text.charCodeAt(j - 1))) return null;
  const w = wordAt(text, j - 1);
  return listed(text, w) && w[1] === j ? w : null;
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
    // A sample on a separator looks at the next word.
    let q = p;
    while (q < text.length && q - p < MAX_SEPARATOR && !isLower(text.charCodeAt(q)) && (BREAKS.has(text.charCodeAt(q)) || NUMBERING.has(text.charCodeAt(q)))) q++;
    const w = q < text.length && isLower(text.charCodeAt(q)) ? wordAt(text, q) : null;
    if (!listed(text, w)) {
      p = (w === null ? q : w[1]) + STRIDE;
      continue;
    }
    const run: [number, number][] = [w];
    for (let prev = prevWord(text, w[0]); prev !== null && run.length <= MAX_RUN; prev = prevWord(text, prev[0])) run.unshift(prev);
    for (let next = nextWord(text, w[1]); next !== null && run.length <= MAX_RUN; next = nextWord(text, next[1])) run.push(next);
    if (run.length >= MIN_WORDS && run.length <= MAX_RUN) checkRun(text, run, emit);
    // A run too long to be a phrase is skipped to its end (a pasted word list costs one read).
    let end = run[run.length - 1]![1];
    if (run.length > MAX_RUN) for (let next = nextWord(text, end); next !== null; next = nextWord(text, next[1])) end = next[1];
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
