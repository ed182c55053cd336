import { resumeAt, type Detector, type Emit } from '../detector.js';
import { ScanConfigError } from '../errors.js';
import type { DenyTerm } from '../types.js';
import { unsafeRegexReason } from './regex-safety.js';

const KIND = /^[A-Z][A-Z0-9_]{0,31}$/;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/-]/g;
const UNICODE_WORD = /[\p{L}\p{N}_]/u;
const MAX_PATTERN = 1000;

function touchesWord(text: string, start: number, end: number): boolean {
  return (start > 0 && UNICODE_WORD.test(text[start - 1])) || (end < text.length && UNICODE_WORD.test(text[end]));
}

function compileTerm(term: DenyTerm, index: number): RegExp {
  const where = `denyTerms[${index}]`;
  if (typeof term.pattern !== 'string' || term.pattern.length === 0 || term.pattern.length > MAX_PATTERN) {
    throw new ScanConfigError(`${where}: pattern must be a non-empty string of at most ${MAX_PATTERN} chars`);
  }
  const flags = term.caseSensitive ? 'g' : 'gi';
  if (!term.regex) return new RegExp(term.pattern.replace(REGEX_SPECIALS, '\\$&'), flags);
  let re: RegExp;
  try {
    re = new RegExp(term.pattern, flags);
  } catch (err) {
    throw new ScanConfigError(`${where}: invalid regex: ${(err as Error).message}`);
  }
  const unsafe = unsafeRegexReason(term.pattern, { ignoreCase: !term.caseSensitive, retriesInsideMatch: term.wholeWord === true });
  if (unsafe !== null) throw new ScanConfigError(`${where}: regex rejected as potentially slow (ReDoS): ${unsafe}`);
  if (new RegExp(`^(?:${term.pattern})$`, flags).test('')) {
    throw new ScanConfigError(`${where}: regex matches the empty string`);
  }
  return re;
}

/** One detector per user deny term, id `custom:<index>`; compiled and checked once, here. */
export function compileDenyTerms(terms: readonly DenyTerm[]): Detector[] {
  return terms.map((term, index) => {
    const kind = term.kind ?? 'CUSTOM';
    if (!KIND.test(kind)) throw new ScanConfigError(`denyTerms[${index}]: kind must match ${KIND.source}`);
    const re = compileTerm(term, index);
    const find = (text: string, emit: Emit): void => {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const end = m.index + m[0].length;
        // Zero-length matches (lookaround-only) and matches glued to a word are skipped; the search
        // moves one char on, so a later overlapping match can still be found.
        if (end === m.index || (term.wholeWord && touchesWord(text, m.index, end))) resumeAt(re, m, m.index + 1);
        else emit(m.index, end);
      }
    };
    const detector: Detector = {
      id: `custom:${index}`,
      category: 'custom',
      kind,
      anchor: term.regex ? 'user regex (structurally checked)' : 'user literal',
      patterns: [re],
      minLength: 1,
      requires: 0,
      find,
    };
    return detector;
  });
}

export const DENY_TERM_PATTERNS: readonly RegExp[] = [KIND, REGEX_SPECIALS, UNICODE_WORD];
