/**
 * Which lines of a text are prose. Names are looked for only there: fenced (``` / ~~~) and indented
 * code blocks, comment and stack-frame lines, and lines that read like code are skipped whole, so a
 * class name or a string literal in code is never taken for a person.
 */

/** Openings of lines that are code, logs or shell, never prose. */
const CODE_START = /^(?:\/\/|\/\*|\*|#|--|>>>|\$ |at |File "|Traceback|import |from \S+ import|export |const |let |var |def |class |fn |func |pub |use |package |return |if \(|for \(|while \(|public |private |protected |static |function |async |await |SELECT |INSERT |UPDATE |DELETE |CREATE |[A-Za-z_$][\w$.]*\()/;

// What prose does not contain, read in one pass over the line's characters: the operators and
// brackets ` = `, `==`, `=>`, `->`, `::`, `&&`, `||`, `()`, `).`, `{`, `}`, `',`, and `f(x` / `a[i`
// (a bracket glued to a word on both sides). Thirteen `includes` and a regex per line cost a
// tenth of the name scan; this loop stops at the first mark.
const C_SPACE = 32;
const C_EQ = 61;
const C_GT = 62;
const C_OPEN_PAREN = 40;
const C_CLOSE_PAREN = 41;
const C_OPEN_BRACKET = 91;
const C_QUOTE = 39;

/** `\w` of a regex: [A-Za-z0-9_]. */
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

function hasCodeMarks(t: string): boolean {
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    switch (c) {
      case 123: // {
      case 125: // }
        return true;
      case C_EQ: {
        const next = t.charCodeAt(i + 1);
        if (next === C_EQ || next === C_GT || (next === C_SPACE && i > 0 && t.charCodeAt(i - 1) === C_SPACE)) return true;
        break;
      }
      case 45: // -
        if (t.charCodeAt(i + 1) === C_GT) return true;
        break;
      case 58: // :
      case 38: // &
      case 124: // |
        if (t.charCodeAt(i + 1) === c) return true;
        break;
      case C_OPEN_PAREN:
        if (t.charCodeAt(i + 1) === C_CLOSE_PAREN) return true;
        if (i > 0 && isWordChar(t.charCodeAt(i - 1)) && isWordChar(t.charCodeAt(i + 1))) return true;
        break;
      case C_OPEN_BRACKET:
        if (i > 0 && isWordChar(t.charCodeAt(i - 1)) && isWordChar(t.charCodeAt(i + 1))) return true;
        break;
      case C_CLOSE_PAREN:
        if (t.charCodeAt(i + 1) === 46) return true;
        break;
      case C_QUOTE:
        if (t.charCodeAt(i + 1) === 44) return true;
        break;
      default:
    }
  }
  return false;
}

/** `\s` of a regex (ECMAScript WhiteSpace and LineTerminator). */
function isRegexSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Endings of code lines: `;` `{` `}` `[` `]`, `=>`, `)` then optional spaces then `:`, `()`, `,`
 * then optional spaces then `)`. Read backwards from the end (the regex
 * `(?:[;{}[\]]|=>|\)\s*:|\(\)|,\s*\))$` this replaces was tried at every position of the line).
 */
function hasCodeEnd(t: string): boolean {
  let i = t.length - 1;
  if (i < 0) return false;
  const c = t.charCodeAt(i);
  if (c === 59 || c === 123 || c === 125 || c === 91 || c === 93) return true;
  if (c === C_GT) return i > 0 && t.charCodeAt(i - 1) === C_EQ;
  if (c === 58) {
    i--;
    while (i >= 0 && isRegexSpace(t.charCodeAt(i))) i--;
    return i >= 0 && t.charCodeAt(i) === C_CLOSE_PAREN;
  }
  if (c === C_CLOSE_PAREN) {
    if (i > 0 && t.charCodeAt(i - 1) === C_OPEN_PAREN) return true;
    i--;
    while (i >= 0 && isRegexSpace(t.charCodeAt(i))) i--;
    return i >= 0 && t.charCodeAt(i) === 44;
  }
  return false;
}

/** A conventional-commit subject (`fix(auth): …`) is prose after its prefix. */
const COMMIT_PREFIX = /^[a-z]+(?:\([\w./-]+\))?!?: /;

export function isProseLine(line: string): boolean {
  let t = line.trim();
  // Only a line opening with a lowercase letter can carry a commit prefix: the replace is skipped otherwise.
  const first = t.charCodeAt(0);
  if (first >= 97 && first <= 122) t = t.replace(COMMIT_PREFIX, '');
  if (t.length < 3) return false;
  if (CODE_START.test(t) || hasCodeEnd(t) || hasCodeMarks(t)) return false;
  return true;
}

/**
 * The prose lines of the text last asked about: the finder and then the linker read the same text
 * within one request. Forgotten at the start of each request (forgetProseLines), so a request never
 * gains from the one before it and benchmarks of one request repeated stay honest.
 */
let lastText: string | undefined;
let lastLines: readonly number[] = [];

export function forgetProseLines(): void {
  lastText = undefined;
  lastLines = [];
}

/**
 * The prose lines of `text` as start/end pairs (offsets into it). Linear: one pass over line breaks,
 * one test per line. The answer for the last text is kept, so asking again for the same text is free.
 */
export function proseLines(text: string): readonly number[] {
  if (text === lastText) return lastLines;
  const out: number[] = [];
  let fence = '';
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const first = text.charCodeAt(pos);
    const line = text.slice(pos, end);
    const lead = line.trimStart();
    if (lead.startsWith('```') || lead.startsWith('~~~')) {
      const mark = lead.slice(0, 3);
      if (fence === '') fence = mark;
      else if (fence === mark) fence = '';
    } else if (fence === '' && first !== 9 && !line.startsWith('    ') && isProseLine(line)) {
      out.push(pos, end);
    }
    pos = end + 1;
  }
  lastText = text;
  lastLines = out;
  return out;
}

export const PROSE_PATTERNS: readonly RegExp[] = [CODE_START, COMMIT_PREFIX];
