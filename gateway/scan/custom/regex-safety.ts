/**
 * A conservative structural check for user-supplied deny-term regexes, run when the config loads.
 * recheck's synchronous API takes 5 ms to over 2 s per pattern (its fuzzer), too slow and too
 * uneven for config loading, so instead every user regex must be "flat":
 *  - no backreferences (they defeat every linear-time argument);
 *  - every quantifier bounded: `*`, `+` and `{n,}` are rejected (use `{1,64}`);
 *  - no repeated group (max > 1) that contains a quantifier or an alternation (nested or ambiguous
 *    repetition: `(a+)+`, `(a|ab){1,9}`);
 *  - the product of all quantifier ranges (max − min + 1) at most RANGE_BUDGET, which bounds the
 *    backtracking per start position (`a{0,99}a{0,99}a{0,99}` is rejected).
 * Patterns that pass do at most RANGE_BUDGET × |pattern| steps per position of the scanned text.
 */
export const RANGE_BUDGET = 1024;

interface Frame {
  quantified: boolean;
  alternation: boolean;
}

type Last = { group: Frame } | 'atom' | null;

function quantifierAt(src: string, i: number): { min: number; max: number; length: number } | null {
  const c = src[i];
  if (c === '*') return { min: 0, max: Infinity, length: 1 };
  if (c === '+') return { min: 1, max: Infinity, length: 1 };
  if (c === '?') return { min: 0, max: 1, length: 1 };
  if (c !== '{') return null;
  const close = src.indexOf('}', i);
  if (close < 0) return null;
  const body = src.slice(i + 1, close);
  const parts = body.split(',');
  const isInt = (s: string): boolean => s.length > 0 && s.length <= 6 && [...s].every((d) => d >= '0' && d <= '9');
  if (parts.length > 2 || !isInt(parts[0]) || (parts.length === 2 && parts[1] !== '' && !isInt(parts[1]))) return null;
  const min = Number(parts[0]);
  const max = parts.length === 1 ? min : parts[1] === '' ? Infinity : Number(parts[1]);
  return { min, max, length: close - i + 1 };
}

function classEnd(src: string, i: number): number {
  let j = i + 1;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  return j + 1;
}

function groupPrefixLength(src: string, i: number): number {
  if (src[i + 1] !== '?') return 1;
  if (src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) return 4;
  if (src[i + 2] === '<') return src.indexOf('>', i) - i + 1;
  return 3;
}

/** Why `source` may backtrack super-linearly, or null when it passes the structural rules. */
export function unsafeRegexReason(source: string): string | null {
  const stack: Frame[] = [{ quantified: false, alternation: false }];
  let last: Last = null;
  let budget = 1;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const q = quantifierAt(source, i);
    if (q !== null && last !== null) {
      if (q.max === Infinity) return `unbounded quantifier "${source.slice(i, i + q.length)}" at ${i}; use a bounded one such as {1,64}`;
      if (last !== 'atom' && q.max > 1 && (last.group.quantified || last.group.alternation)) {
        return `repeated group containing a quantifier or alternation before ${i} (nested repetition)`;
      }
      stack[stack.length - 1].quantified = true;
      budget *= q.max - q.min + 1;
      if (budget > RANGE_BUDGET) return `quantifier ranges multiply to more than ${RANGE_BUDGET} backtracking steps per position`;
      i += q.length + (source[i + q.length] === '?' ? 1 : 0);
      last = null;
    } else if (c === '\\') {
      const n = source[i + 1] ?? '';
      if (n >= '1' && n <= '9') return `backreference "\\${n}" at ${i}`;
      if (n === 'k' && source[i + 2] === '<') return `named backreference at ${i}`;
      i += 2;
      last = 'atom';
    } else if (c === '[') {
      i = classEnd(source, i);
      last = 'atom';
    } else if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      i += groupPrefixLength(source, i);
      last = null;
    } else if (c === ')' && stack.length > 1) {
      const group = stack.pop() as Frame;
      const parent = stack[stack.length - 1];
      parent.quantified ||= group.quantified;
      parent.alternation ||= group.alternation;
      last = { group };
      i++;
    } else {
      if (c === '|') stack[stack.length - 1].alternation = true;
      last = c === '|' ? null : 'atom';
      i++;
    }
  }
  return null;
}
