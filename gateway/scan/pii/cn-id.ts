import { DASH, DIGIT, DOT, FEATURE_DIGIT, WORD, at, runEnd } from '../chars.js';
import type { ScanContext } from '../context.js';
import type { Detector, Emit } from '../detector.js';
import { DIGIT_RUN_ANCHOR } from '../digit-runs.js';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
// First two digits: province-level division codes (GB/T 2260).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

function plausibleBirth(id: string, now: Date): boolean {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && date.getTime() <= now.getTime();
}

/** GB 11643-1999: province code, a real birth date not in the future, and the ISO 7064 check char. */
export function validCnId(id: string, now = new Date()): boolean {
  if (id[0] === '0' || !PROVINCES.has(Number(id.slice(0, 2))) || !plausibleBirth(id, now)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11] === id[17].toUpperCase();
}

/** IDs are a digit group of 17 digits plus a digit or X in a shared digit run (digit-runs.ts). */
function find(text: string, emit: Emit, ctx: ScanContext): void {
  const groups = ctx.digitGroups();
  for (let k = 0; k < groups.length; k += 2) {
    const g = groups[k];
    const digitsEnd = runEnd(text, g, DIGIT, 19);
    const check = text[g + 17];
    const end = g + 18;
    if (digitsEnd - g === 17 ? check !== 'X' && check !== 'x' : digitsEnd - g !== 18) continue;
    if (at(text, g - 1, WORD | DOT | DASH) || text[g - 1] === '/' || at(text, end, WORD)) continue;
    if (validCnId(text.slice(g, end))) emit(g, end);
  }
}

export const cnId: Detector = {
  id: 'cn-id',
  category: 'pii',
  kind: 'CN_ID',
  anchor: 'group starts in digit runs: 17 digits + digit/X as a whole word; province code, birth date, ISO 7064 MOD 11-2 checksum',
  patterns: [DIGIT_RUN_ANCHOR],
  minLength: 18,
  requires: FEATURE_DIGIT,
  find,
};
