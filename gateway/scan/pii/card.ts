import { DASH, DIGIT, DOT, FEATURE_DIGIT, WORD, at, is } from '../chars.js';
import { luhnValid } from '../checks/luhn.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { DIGIT_RUN_ANCHOR } from '../digit-runs.js';

/** Known issuer prefixes and lengths: Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro. */
function knownIssuer(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 62) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  return false;
}

/** True when nothing right after `end` makes the digits part of a longer number, word or version. */
function cleanEnd(text: string, end: number): boolean {
  return !at(text, end, WORD) && !('.,-/'.includes(text[end] ?? ' ') && at(text, end + 1, DIGIT));
}

/**
 * Finds the longest valid card number starting at `start`: 13–19 digits written plainly or in
 * groups of 3–6 joined by one kind of separator (space or dash), as printed on the card. A shorter
 * prefix can win, so "4111 1111 1111 1111 12/25" still yields the number without the expiry date.
 * Returns the end of the reported number, or -1.
 */
function readCard(text: string, start: number, emit: Emit): number {
  let i = start;
  let count = 0;
  let separator = '';
  let group = 0;
  // (end, digit count) after each group: the number may end at any of them.
  const ends: number[] = [];
  while (i < text.length && count < 20) {
    const c = text[i];
    if (is(c.charCodeAt(0), DIGIT)) {
      count++;
      group++;
      i++;
    } else if ((c === ' ' || c === '-') && (separator === '' || separator === c) && group >= 3 && group <= 6 && at(text, i + 1, DIGIT)) {
      ends.push(i, count);
      separator = c;
      group = 0;
      i++;
    } else {
      break;
    }
  }
  ends.push(i, count);
  let digits = '';
  for (let k = ends.length - 2; k >= 0; k -= 2) {
    const end = ends[k];
    const n = ends[k + 1];
    if (n < 13 || n > 19 || !cleanEnd(text, end)) continue;
    digits ||= separator === '' ? text.slice(start, i) : text.slice(start, i).split(separator).join('');
    const number = digits.slice(0, n);
    if (knownIssuer(number) && luhnValid(number)) {
      emit(start, end);
      return end;
    }
  }
  return -1;
}

/** Card numbers start a digit group in a shared digit run (digit-runs.ts) and are read from there. */
function find(text: string, emit: Emit, ctx: ScanContext): void {
  const groups = ctx.digitGroups();
  let reportedUpTo = 0;
  for (let k = 0; k < groups.length; k += 2) {
    const g = groups[k];
    // A first digit no issuer uses (epoch ms start with 1), or glued to something: next group.
    const first = text.charCodeAt(g);
    if (g < reportedUpTo || first < 50 || first > 54 || at(text, g - 1, WORD | DOT | DASH) || ',+/'.includes(text[g - 1] ?? ' ')) continue;
    reportedUpTo = Math.max(reportedUpTo, readCard(text, g, emit));
  }
}

export const card: Detector = {
  id: 'card',
  category: 'pii',
  kind: 'CARD',
  anchor: 'group starts (first digit 2–6) in digit runs; 13–19 digits (space/dash groups), issuer prefix + length, Luhn',
  patterns: [DIGIT_RUN_ANCHOR],
  minLength: 13,
  requires: FEATURE_DIGIT,
  find,
};
