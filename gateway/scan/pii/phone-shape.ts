import { DIGIT, WORD, at, is } from '../chars.js';

/** A phone-number-like run: digit groups joined by single separators, optionally `+` and `(…)`. */
export interface PhoneShape {
  end: number;
  international: boolean;
  digits: string;
  groups: number[];
  separators: string;
}

const SEPARATORS = ' -./';
const MAX_CHARS = 32;
const MAX_DIGITS = 15;

function isSeparator(c: string): boolean {
  return SEPARATORS.includes(c);
}

/**
 * Reads the phone-like run starting at `start` (a `+`, `(` or digit), or returns null when it does
 * not end cleanly: a letter, digit, or `.`/`-`/`/`/`:` plus digit right after it means it is part of
 * something longer (a timestamp, version, id or path).
 */
export function readPhoneShape(text: string, start: number): PhoneShape | null {
  const international = text[start] === '+';
  let i = international ? start + 1 : start;
  const limit = Math.min(text.length, start + MAX_CHARS);
  let digits = '';
  let separators = '';
  const groups: number[] = [];
  let group = 0;
  let open = false;
  let end = i;
  while (i < limit) {
    const c = text[i];
    if (is(c.charCodeAt(0), DIGIT)) {
      // E.164 caps a number at 15 digits; a longer run is something else (and stops here cheaply).
      if (digits.length === MAX_DIGITS) return null;
      digits += c;
      group++;
      end = ++i;
    } else if (c === '(' && group === 0 && !open) {
      open = true;
      i++;
    } else if (c === ')' && open && group > 0) {
      open = false;
      groups.push(group);
      group = 0;
      end = ++i;
      separators += ')';
      if (i < limit && text[i] === ' ') i++;
    } else if (isSeparator(c) && group > 0 && (at(text, i + 1, DIGIT) || text[i + 1] === '(')) {
      groups.push(group);
      group = 0;
      separators += c;
      i++;
    } else {
      break;
    }
  }
  if (group > 0) groups.push(group);
  // A "(" after the number that no digit follows is a label ("… 0958 (mobile)", "(ext 4)"): the
  // number ended before it, so drop the separator that led to it.
  if (open && group === 0) {
    open = false;
    if (!separators.endsWith(')')) separators = separators.slice(0, -1);
  }
  if (open || digits.length === 0) return null;
  const next = text.charCodeAt(end);
  if (end < text.length && is(next, WORD)) return null;
  if ('.-/:'.includes(text[end] ?? ' ') && at(text, end + 1, DIGIT)) return null;
  return { end, international, digits, groups, separators };
}
