import type { NameKind, NameLexicon } from './lexicon.js';
import { CALENDAR_WORDS } from './not-names.js';
import { proseLines, PROSE_PATTERNS } from './prose.js';

/** A name found in prose: offsets into the text, and its kind. */
export interface NameSpan {
  start: number;
  end: number;
  kind: NameKind;
}

interface Token {
  start: number;
  end: number;
  /** Lowercased word. */
  lower: string;
  /** Starts with a capital and has no capital after a lowercase letter (not camelCase). */
  cap: boolean;
  /** All capitals (`IBM`, `NASA`, `TODO`): a lexicon entry at most, never part of a person's name. */
  upper: boolean;
  /** Punctuation or a possessive after the word: a name does not continue past it. */
  stop: boolean;
  /** First word of a sentence, list item or line. */
  initial: boolean;
  /** What the lexicon and the word lists below say of `lower` (WORD_* bits), read with one lookup. */
  flags: number;
}

/** A whitespace-separated chunk: optional opening punctuation, a word, optional possessive and closing punctuation. */
const WORD = /^([("'“‘[]*)([A-Za-zÀ-ÖØ-öø-ÿ](?:[A-Za-zÀ-ÖØ-öø-ÿ]|['’-](?=[A-Za-zÀ-ÖØ-öø-ÿ]))*)(['’]s)?([)"'”’\],.;:!?]*)$/;
const CAMEL = /[a-zà-ÿ][A-ZÀ-Þ]/;
const POSSESSIVE = /['’]s$/;
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'mx', 'sir', 'dame']);
/** Words that end an organisation's name. */
const ORG_SUFFIXES = new Set([
  'inc', 'corp', 'corporation', 'ltd', 'llc', 'gmbh', 'ag', 'plc', 'bv', 'sarl', 'oy', 'ab', 'as', 'kk', 'pty', 'company',
  'bank', 'university', 'institute', 'foundation', 'hospital', 'clinic', 'labs', 'group', 'holdings', 'partners',
  'technologies', 'insurance', 'airlines', 'ministry', 'college', 'council', 'agency', 'association', 'consulting',
  'center', 'centre', 'union', 'traders', 'logistics', 'bakery', 'co',
]);
/** Words that open one when followed by `of`: `University of Warsaw`, `Bank of Montreal`. */
const ORG_OF = new Set(['university', 'bank', 'ministry', 'department', 'institute', 'college', 'school']);

/** Lowercase words the matcher reads: cues before a name, and the connectors inside one (`Bank of X`). */
const CUE_WORDS = new Set(['hi', 'hello', 'hey', 'dear', 'thanks', 'cheers', 'cc', 'ping', 'thx', 'morning', 'by', 'ask', 'asked', 'with', 'from', 'thank', 'told', 'and', 'to', 'for', 'of']);
const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
/** Opening punctuation before a word: ( [ " ' “ ‘ */
const isOpening = (c: number) => c === 40 || c === 91 || c === 34 || c === 39 || c === 0x201c || c === 0x2018;
const isUpperLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
const isLowerLetter = (c: number) => c >= 97 && c <= 122;
/** Chunk endings after which the next word starts a sentence, a label's value or a list item. */
const endsSentence = (c: number) => c === 46 || c === 33 || c === 63 || c === 58;

// Every word list a token is checked against, as bits of one map per lexicon: one lookup per token
// instead of up to ten Set lookups of the same string as the matcher walks past it.
const W_ENTRY = 1;
const W_PREFIX = 2;
const W_GIVEN = 4;
const W_AMBIGUOUS = 8;
const W_SURNAME = 16;
const W_COMMON = 32;
const W_HONORIFIC = 64;
const W_ORG_SUFFIX = 128;
const W_ORG_OF = 256;
const W_CALENDAR = 512;
const W_GREETING = 1024;
const W_PAIR_CUE = 2048;
/** Never part of an unknown name: nameWord() is false for these. */
const W_NOT_NAME_WORD = W_ENTRY | W_HONORIFIC | W_ORG_SUFFIX | W_CALENDAR;

const flagMaps = new WeakMap<NameLexicon, ReadonlyMap<string, number>>();

function wordFlags(lex: NameLexicon): ReadonlyMap<string, number> {
  let map = flagMaps.get(lex);
  if (map !== undefined) return map;
  const m = new Map<string, number>();
  const add = (words: Iterable<string>, bit: number) => {
    for (const w of words) m.set(w, (m.get(w) ?? 0) | bit);
  };
  add(lex.entries.keys(), W_ENTRY);
  add(lex.prefixes, W_PREFIX);
  add(lex.given, W_GIVEN);
  add(lex.givenAmbiguous, W_AMBIGUOUS);
  add(lex.surnames, W_SURNAME);
  add(lex.common, W_COMMON);
  add(HONORIFICS, W_HONORIFIC);
  add(ORG_SUFFIXES, W_ORG_SUFFIX);
  add(ORG_OF, W_ORG_OF);
  add(CALENDAR_WORDS, W_CALENDAR);
  add(GREETINGS, W_GREETING);
  add(PAIR_CUES, W_PAIR_CUE);
  map = m;
  flagMaps.set(lex, map);
  return map;
}

/** Whether the chunk after `p` starts with a capital: only then can a cue or connector word matter. */
function capitalNext(text: string, p: number, end: number): boolean {
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  while (p < end && isOpening(text.charCodeAt(p))) p++;
  return p < end && isUpperLetter(text.charCodeAt(p));
}

/** Closing punctuation that may follow a word, apostrophes aside (those can open a possessive). */
const isPlainClosing = (c: number) =>
  c === 41 || c === 34 || c === 0x201d || c === 93 || c === 44 || c === 46 || c === 59 || c === 58 || c === 33 || c === 63;

/** Token objects reused from line to line (the matcher keeps only their offsets). */
const pool: Token[] = [];

function tokenAt(k: number): Token {
  let tok = pool[k];
  if (tok === undefined) {
    tok = { start: 0, end: 0, lower: '', cap: false, upper: false, stop: false, initial: false, flags: 0 };
    pool[k] = tok;
  }
  return tok;
}

function pushToken(out: Token[], flags: ReadonlyMap<string, number>, start: number, end: number, lower: string, cap: boolean, upper: boolean, stop: boolean, initial: boolean): void {
  const tok = tokenAt(out.length);
  tok.flags = flags.get(lower) ?? 0;
  tok.start = start;
  tok.end = end;
  tok.lower = lower;
  tok.cap = cap;
  tok.upper = upper;
  tok.stop = stop;
  tok.initial = initial;
  out.push(tok);
}

/**
 * A capitalised chunk [s, p) made of ASCII letters and then plain closing punctuation (most of them),
 * read without the WORD regex: pushes its token and returns true, or returns false for the regex to decide.
 * What WORD would give such a chunk: no opening, the letters as the word, no possessive, the rest closing.
 */
function plainWord(text: string, s: number, p: number, out: Token[], flags: ReadonlyMap<string, number>, initial: boolean): boolean {
  let k = s + 1;
  let lowerSeen = false;
  let camel = false;
  for (; k < p; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) lowerSeen = true;
    else if (c >= 65 && c <= 90) camel ||= lowerSeen && text.charCodeAt(k - 1) >= 97;
    else break;
  }
  // Anything else after the letters (À-ÿ, an apostrophe, a hyphen, a digit) is for the regex to read.
  for (let j = k; j < p; j++) if (!isPlainClosing(text.charCodeAt(j))) return false;
  const word = text.slice(s, k);
  pushToken(out, flags, s, k, word.toLowerCase(), !camel, k - s > 1 && !lowerSeen, k < p, initial);
  return true;
}

/**
 * The words of one prose line the matcher needs: capitalised words and cue words, in order. Every
 * other chunk (a lowercase word, a number, a path, an identifier) is only a break: the token before
 * it gets `stop`. One pass over the characters; only capitalised chunks with something beyond ASCII
 * letters and closing punctuation meet a regex, which is what keeps name-dense prose within the scan budget.
 */
function tokensOf(text: string, start: number, end: number, out: Token[], flags: ReadonlyMap<string, number>): void {
  out.length = 0;
  let p = start;
  let initial = true;
  while (p < end) {
    while (p < end && isSpace(text.charCodeAt(p))) p++;
    if (p >= end) break;
    const s = p;
    while (p < end && !isSpace(text.charCodeAt(p))) p++;
    let q = s;
    while (q < p && isOpening(text.charCodeAt(q))) q++;
    const first = text.charCodeAt(q);
    const before = out.length;
    if (isUpperLetter(first)) {
      if (!(first < 128 && q === s && plainWord(text, s, p, out, flags, initial))) {
        const w = WORD.exec(text.slice(s, p));
        if (w !== null) {
          let word = w[2]!;
          // `Maria's`: the name is `Maria`; the possessive stays in clear and ends the name.
          const possessive = w[3] !== undefined || POSSESSIVE.test(word);
          if (w[3] === undefined && possessive) word = word.slice(0, -2);
          const at = s + w[1]!.length;
          const upper = word.length > 1 && word === word.toUpperCase();
          const cap = !CAMEL.test(word);
          if (w[1]!.length > 0 && out.length > 0) out[out.length - 1]!.stop = true;
          pushToken(out, flags, at, at + word.length, word.toLowerCase(), cap, upper, possessive || w[4]!.length > 0, initial);
        }
      }
    } else if (isLowerLetter(first) && p - q <= 9 && capitalNext(text, p, end)) {
      let e = p;
      while (e > q && !isLowerLetter(text.charCodeAt(e - 1))) e--;
      const word = text.slice(q, e);
      if (CUE_WORDS.has(word)) pushToken(out, flags, q, e, word, false, false, e < p, initial);
    }
    if (out.length === before && out.length > 0) out[out.length - 1]!.stop = true;
    const last = text.charCodeAt(p - 1);
    initial = endsSentence(last) || (p - s === 1 && (last === 45 || last === 42));
  }
}

/** Words after which one or more capitalised words are a person: `Hi Bartek`, `thanks Mateusz Wiśniewski`. */
const GREETINGS = new Set(['hi', 'hello', 'hey', 'dear', 'thanks', 'cheers', 'cc', 'ping', 'thx', 'morning']);
/** Words after which two capitalised words unknown to the lexicon are a person: `by Agnieszka Zielinska`. */
const PAIR_CUES = new Set(['by', 'ask', 'asked', 'with', 'from', 'thank', 'told', 'and', 'to', 'for', 'cc']);

/**
 * Finds person, location and organisation names in the prose lines of `text`, left to right:
 * a capitalised run ending in a company word (`Acme Corp`); a lexicon entry, longest first
 * (`New York`, `Goldman Sachs`; a company name followed by a capitalised word is a product,
 * `Google Cloud`); a capitalised word after an honorific or greeting; a known given name, alone or
 * with up to two following capitalised words; two unknown capitalised words after a cue (`by`, `ask`).
 */
export function findNames(text: string, lex: NameLexicon): NameSpan[] {
  const found: NameSpan[] = [];
  const toks: Token[] = [];
  const flags = wordFlags(lex);
  const has = (t: Token | undefined, bits: number): boolean => t !== undefined && (t.flags & bits) !== 0;
  const nameWord = (t: Token | undefined): t is Token => t !== undefined && t.cap && !t.upper && (t.flags & W_NOT_NAME_WORD) === 0;
  /** A capitalised word the lexicon knows as nothing else: a likely surname or foreign given name. */
  const unknownWord = (t: Token | undefined): t is Token => nameWord(t) && (t.flags & (W_COMMON | W_AMBIGUOUS)) === 0;
  const unknownPair = (i: number): boolean => unknownWord(toks[i]) && !toks[i]!.stop && unknownWord(toks[i + 1]) && (toks[i + 1]!.stop || toks[i + 2]?.cap !== true);
  const lines = proseLines(text);
  for (let l = 0; l < lines.length; l += 2) {
    tokensOf(text, lines[l]!, lines[l + 1]!, toks, flags);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (!t.cap || t.initial) {
        if (has(t, W_GREETING) && !t.stop && (unknownWord(toks[i + 1]) || has(toks[i + 1], W_GIVEN))) {
          let j = i + 1;
          while (j - i < 3 && !toks[j]!.stop && unknownWord(toks[j + 1])) j++;
          found.push({ start: toks[i + 1]!.start, end: toks[j]!.end, kind: 'person' });
          i = j;
          continue;
        }
        if (has(t, W_PAIR_CUE) && !t.stop && unknownPair(i + 1)) {
          found.push({ start: toks[i + 1]!.start, end: toks[i + 2]!.end, kind: 'person' });
          i += 2;
          continue;
        }
        if (!t.cap) continue;
      }
      // `Acme Corp`, `Northwind Traders Ltd`, `Riverside Medical Center`.
      let run = i;
      while (run - i < 4 && !toks[run]!.stop && toks[run + 1]?.cap === true) run++;
      let org = -1;
      for (let k = i + 1; k <= run; k++) if (has(toks[k], W_ORG_SUFFIX)) org = k;
      if (org > 0) {
        found.push({ start: t.start, end: toks[org]!.end, kind: 'organization' });
        i = org;
        continue;
      }
      if (has(t, W_ORG_OF) && !t.stop && toks[i + 1]?.lower === 'of' && !toks[i + 1]!.stop && toks[i + 2]?.cap === true) {
        let end = i + 2;
        const place = lex.entries.get(`${toks[i + 2]!.lower} ${toks[i + 3]?.lower ?? ''}`);
        if (place !== undefined && !toks[i + 2]!.stop && toks[i + 3]?.cap === true) end++;
        found.push({ start: t.start, end: toks[end]!.end, kind: 'organization' });
        i = end;
        continue;
      }
      // Lexicon entries, longest first.
      let matched = 0;
      let key = '';
      for (let n = 1, j = i; n <= lex.maxWords && j < toks.length; n++, j++) {
        const tj = toks[j]!;
        if (n > 1 && !tj.cap && tj.lower !== 'of' && tj.lower !== 'and') break;
        if (n === 1) {
          if (tj.cap && has(tj, W_ENTRY)) matched = n;
          if (tj.stop || !has(tj, W_PREFIX)) break;
          key = tj.lower;
          continue;
        }
        key = `${key} ${tj.lower}`;
        if (tj.cap && lex.entries.has(key)) matched = n;
        if (tj.stop || !lex.prefixes.has(key)) break;
      }
      if (matched > 0) {
        const last = toks[i + matched - 1]!;
        const next = toks[i + matched];
        let entry = t.lower;
        for (let k = i + 1; k < i + matched; k++) entry += ` ${toks[k]!.lower}`;
        const kind = lex.entries.get(entry)!;
        const product = kind === 'organization' && !last.stop && next !== undefined && next.cap;
        if (!product) found.push({ start: t.start, end: last.end, kind });
        i += matched - 1;
        continue;
      }
      if (has(t, W_HONORIFIC) && nameWord(toks[i + 1]) && toks[i + 1]!.start - t.end <= 2) {
        let j = i + 1;
        while (j - i < 3 && !toks[j]!.stop && nameWord(toks[j + 1])) j++;
        found.push({ start: toks[i + 1]!.start, end: toks[j]!.end, kind: 'person' });
        i = j;
        continue;
      }
      if (t.upper) continue;
      const given = has(t, W_GIVEN);
      if (given || has(t, W_AMBIGUOUS) || (unknownWord(t) && has(toks[i + 1], W_SURNAME))) {
        // After a given name any capitalised word may be the surname (`Michael Brown`); after an
        // ambiguous one (`Mark`, `Julia`) only a word the lexicon does not know otherwise.
        let j = i;
        if (!t.stop && (given ? nameWord(toks[i + 1]) && !toks[i + 1]!.initial : unknownWord(toks[i + 1]) || has(toks[i + 1], W_SURNAME))) {
          j++;
          if (!toks[j]!.stop && unknownWord(toks[j + 1])) j++;
        }
        if (j > i || given) found.push({ start: t.start, end: toks[j]!.end, kind: 'person' });
        i = j;
        continue;
      }
      if (!t.initial && unknownPair(i) && i > 0 && !toks[i - 1]!.stop && has(toks[i - 1], W_PAIR_CUE)) {
        found.push({ start: t.start, end: toks[i + 1]!.end, kind: 'person' });
        i++;
      }
    }
  }
  return found;
}

/** Every regex the name detectors use, for the ReDoS check (patterns.ts). */
export const NAME_PATTERNS: readonly RegExp[] = [WORD, CAMEL, POSSESSIVE, ...PROSE_PATTERNS];
