// Frozen copy of gateway/scan/names/find.ts as it was before the speed work of issue 17 (the reference
// path): test/gateway/names/fast-path.test.ts checks that the optimised finder, prose test and linker
// give exactly what this one gives. Not used by the gateway; do not optimise it.
import type { NameKind, NameLexicon } from '../../../../gateway/scan/names/lexicon.js';
import { CALENDAR_WORDS } from '../../../../gateway/scan/names/not-names.js';
import { forEachProseLine, PROSE_PATTERNS } from './prose.js';

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

/** Whether the chunk after `p` starts with a capital: only then can a cue or connector word matter. */
function capitalNext(text: string, p: number, end: number): boolean {
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  while (p < end && isOpening(text.charCodeAt(p))) p++;
  return p < end && isUpperLetter(text.charCodeAt(p));
}

/**
 * The words of one prose line the matcher needs: capitalised words and cue words, in order. Every
 * other chunk (a lowercase word, a number, a path, an identifier) is only a break: the token before
 * it gets `stop`. One pass over the characters; only capitalised chunks meet a regex, which is what
 * keeps name-dense prose within the scan budget.
 */
function tokensOf(text: string, start: number, end: number, out: Token[]): void {
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
    let tok: Token | undefined;
    if (isUpperLetter(first)) {
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
        tok = { start: at, end: at + word.length, lower: word.toLowerCase(), cap, upper, stop: possessive || w[4]!.length > 0, initial };
      }
    } else if (isLowerLetter(first) && p - q <= 9 && capitalNext(text, p, end)) {
      let e = p;
      while (e > q && !isLowerLetter(text.charCodeAt(e - 1))) e--;
      const word = text.slice(q, e);
      if (CUE_WORDS.has(word)) tok = { start: q, end: e, lower: word, cap: false, upper: false, stop: e < p, initial };
    }
    if (tok !== undefined) out.push(tok);
    else if (out.length > 0) out[out.length - 1]!.stop = true;
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
  const nameWord = (t: Token | undefined): t is Token =>
    t !== undefined && t.cap && !t.upper && !lex.entries.has(t.lower) && !HONORIFICS.has(t.lower) && !ORG_SUFFIXES.has(t.lower) && !CALENDAR_WORDS.has(t.lower);
  /** A capitalised word the lexicon knows as nothing else: a likely surname or foreign given name. */
  const unknownWord = (t: Token | undefined): t is Token => nameWord(t) && !lex.common.has(t.lower) && !lex.givenAmbiguous.has(t.lower);
  const unknownPair = (i: number): boolean => unknownWord(toks[i]) && !toks[i]!.stop && unknownWord(toks[i + 1]) && (toks[i + 1]!.stop || toks[i + 2]?.cap !== true);
  forEachProseLine(text, (ls, le) => {
    tokensOf(text, ls, le, toks);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (!t.cap || t.initial) {
        if (GREETINGS.has(t.lower) && !t.stop && (unknownWord(toks[i + 1]) || lex.given.has(toks[i + 1]?.lower ?? ''))) {
          let j = i + 1;
          while (j - i < 3 && !toks[j]!.stop && unknownWord(toks[j + 1])) j++;
          found.push({ start: toks[i + 1]!.start, end: toks[j]!.end, kind: 'person' });
          i = j;
          continue;
        }
        if (PAIR_CUES.has(t.lower) && !t.stop && unknownPair(i + 1)) {
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
      for (let k = i + 1; k <= run; k++) if (ORG_SUFFIXES.has(toks[k]!.lower)) org = k;
      if (org > 0) {
        found.push({ start: t.start, end: toks[org]!.end, kind: 'organization' });
        i = org;
        continue;
      }
      if (ORG_OF.has(t.lower) && !t.stop && toks[i + 1]?.lower === 'of' && !toks[i + 1]!.stop && toks[i + 2]?.cap === true) {
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
        key = n === 1 ? tj.lower : `${key} ${tj.lower}`;
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
      if (HONORIFICS.has(t.lower) && nameWord(toks[i + 1]) && toks[i + 1]!.start - t.end <= 2) {
        let j = i + 1;
        while (j - i < 3 && !toks[j]!.stop && nameWord(toks[j + 1])) j++;
        found.push({ start: toks[i + 1]!.start, end: toks[j]!.end, kind: 'person' });
        i = j;
        continue;
      }
      if (t.upper) continue;
      const given = lex.given.has(t.lower);
      if (given || lex.givenAmbiguous.has(t.lower) || (unknownWord(t) && lex.surnames.has(toks[i + 1]?.lower ?? ''))) {
        // After a given name any capitalised word may be the surname (`Michael Brown`); after an
        // ambiguous one (`Mark`, `Julia`) only a word the lexicon does not know otherwise.
        let j = i;
        if (!t.stop && (given ? nameWord(toks[i + 1]) && !toks[i + 1]!.initial : unknownWord(toks[i + 1]) || lex.surnames.has(toks[i + 1]?.lower ?? ''))) {
          j++;
          if (!toks[j]!.stop && unknownWord(toks[j + 1])) j++;
        }
        if (j > i || given) found.push({ start: t.start, end: toks[j]!.end, kind: 'person' });
        i = j;
        continue;
      }
      if (!t.initial && unknownPair(i) && i > 0 && !toks[i - 1]!.stop && PAIR_CUES.has(toks[i - 1]!.lower)) {
        found.push({ start: t.start, end: toks[i + 1]!.end, kind: 'person' });
        i++;
      }
    }
  });
  return found;
}

/** Every regex the name detectors use, for the ReDoS check (patterns.ts). */
export const NAME_PATTERNS: readonly RegExp[] = [WORD, CAMEL, POSSESSIVE, ...PROSE_PATTERNS];
