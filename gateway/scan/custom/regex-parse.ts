/**
 * A small parser for the JavaScript regex syntax user deny terms use (no `u`/`v` flag), into just what
 * the ReDoS check needs: a tree of sequences whose items are character sets, groups and zero-width
 * assertions, each with its repeat range. Character sets are exact over ASCII and coarse above it
 * (Unicode spaces and everything else), which is enough to tell whether two sets may share a character.
 */
/** How much of a class of non-ASCII code points a set holds; anything partial counts as "may share". */
const NONE = 0;
const PARTIAL = 1;
const FULL = 2;
type Cover = 0 | 1 | 2;
const flip = (c: Cover): Cover => (c === NONE ? FULL : c === FULL ? NONE : PARTIAL);
const widest = (a: Cover, b: Cover): Cover => (a === FULL || b === FULL ? FULL : a === PARTIAL || b === PARTIAL ? PARTIAL : NONE);

export class CharSet {
  readonly ascii = new Uint8Array(128);
  /** Non-ASCII whitespace (NBSP, U+2028, …): kept apart so `\s` and `\S` stay disjoint. */
  space: Cover = NONE;
  /** Every other code point ≥ 128. */
  other: Cover = NONE;

  static of(codes: Iterable<number>): CharSet {
    const set = new CharSet();
    for (const c of codes) set.add(c);
    return set;
  }

  static range(from: number, to: number): CharSet {
    const set = new CharSet();
    for (let c = from; c <= Math.min(to, 127); c++) set.add(c);
    if (to >= 128) set.space = set.other = PARTIAL;
    return set;
  }

  add(code: number): void {
    if (code < 128) this.ascii[code] = 1;
    else if (/\s/.test(String.fromCodePoint(code))) this.space = widest(this.space, PARTIAL);
    else this.other = widest(this.other, PARTIAL);
  }

  addAll(set: CharSet): this {
    for (let c = 0; c < 128; c++) this.ascii[c] ||= set.ascii[c]!;
    this.space = widest(this.space, set.space);
    this.other = widest(this.other, set.other);
    return this;
  }

  complement(): CharSet {
    const out = new CharSet();
    for (let c = 0; c < 128; c++) out.ascii[c] = this.ascii[c] ? 0 : 1;
    out.space = flip(this.space);
    out.other = flip(this.other);
    return out;
  }

  overlaps(set: CharSet): boolean {
    if ((this.space && set.space) || (this.other && set.other)) return true;
    for (let c = 0; c < 128; c++) if (this.ascii[c] && set.ascii[c]) return true;
    return false;
  }

  within(set: CharSet): boolean {
    if ((this.space && set.space !== FULL) || (this.other && set.other !== FULL)) return false;
    for (let c = 0; c < 128; c++) if (this.ascii[c] && !set.ascii[c]) return false;
    return true;
  }
}

const DIGIT = CharSet.range(48, 57);
export const WORD = CharSet.range(48, 57).addAll(CharSet.range(65, 90)).addAll(CharSet.range(97, 122)).addAll(CharSet.of([95]));
const SPACE = (() => {
  const s = CharSet.of([9, 10, 11, 12, 13, 32]);
  s.space = FULL;
  return s;
})();
const DOT = CharSet.of([10, 13]).complement(); // a superset: `.` also excludes U+2028/2029

export type Item =
  | { readonly t: 'set'; readonly set: CharSet; min: number; max: number; readonly at: number }
  | { readonly t: 'group'; readonly alts: Item[][]; readonly look: boolean; min: number; max: number; readonly at: number }
  | { readonly t: 'assert'; readonly kind: 'start' | 'end' | 'boundary' | 'non-boundary'; min: number; max: number; readonly at: number };

export class RegexShapeError extends Error {}

const CLASS_ESCAPES: Record<string, () => CharSet> = {
  d: () => DIGIT, D: () => DIGIT.complement(), w: () => WORD, W: () => WORD.complement(), s: () => SPACE, S: () => SPACE.complement(),
};
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, '0': 0 };

/** `src[i]` is a backslash: the set it stands for and where the escape ends. */
function escapeAt(src: string, i: number, inClass: boolean): { set: CharSet; end: number; code?: number } {
  const n = src[i + 1] ?? '';
  if (n >= '1' && n <= '9' && !inClass) throw new RegexShapeError(`backreference "\\${n}" at ${i}`);
  if (n === 'k' && src[i + 2] === '<' && !inClass) throw new RegexShapeError(`named backreference at ${i}`);
  const cls = CLASS_ESCAPES[n];
  if (cls) return { set: cls(), end: i + 2 };
  let code: number;
  let end = i + 2;
  const hex = (digits: number) => (/^[0-9a-fA-F]+$/.test(src.slice(i + 2, i + 2 + digits)) && src.length >= i + 2 + digits ? parseInt(src.slice(i + 2, i + 2 + digits), 16) : undefined);
  if (n in CONTROL_ESCAPES) code = CONTROL_ESCAPES[n]!;
  else if (n === 'x' && hex(2) !== undefined) {
    code = hex(2)!;
    end = i + 4;
  } else if (n === 'u' && hex(4) !== undefined) {
    code = hex(4)!;
    end = i + 6;
  } else if (n === 'c' && /[A-Za-z]/.test(src[i + 2] ?? '')) {
    code = src.charCodeAt(i + 2) % 32;
    end = i + 3;
  } else if (n === 'b' && inClass) code = 8;
  else code = n.codePointAt(0) ?? 92;
  return { set: CharSet.of([code]), end, code };
}

function classAt(src: string, start: number): { set: CharSet; end: number } {
  let i = start + 1;
  const negated = src[i] === '^';
  if (negated) i++;
  const set = new CharSet();
  while (i < src.length && src[i] !== ']') {
    let code: number | undefined;
    let part: CharSet;
    if (src[i] === '\\') {
      const e = escapeAt(src, i, true);
      part = e.set;
      code = e.code;
      i = e.end;
    } else {
      code = src.codePointAt(i)!;
      part = CharSet.of([code]);
      i += code > 0xffff ? 2 : 1;
    }
    if (code !== undefined && src[i] === '-' && src[i + 1] !== ']' && i + 1 < src.length) {
      let to: number | undefined;
      if (src[i + 1] === '\\') {
        const e = escapeAt(src, i + 1, true);
        to = e.code;
        i = e.end;
      } else {
        to = src.codePointAt(i + 1)!;
        i += to > 0xffff ? 3 : 2;
      }
      if (to !== undefined && to >= code) part = CharSet.range(code, to);
      else if (to !== undefined) part.add(to);
    }
    set.addAll(part);
  }
  if (i >= src.length) throw new RegexShapeError(`unterminated character class at ${start}`);
  return { set: negated ? set.complement() : set, end: i + 1 };
}

function quantifierAt(src: string, i: number): { min: number; max: number; length: number } | null {
  const c = src[i];
  if (c === '*') return { min: 0, max: Infinity, length: 1 };
  if (c === '+') return { min: 1, max: Infinity, length: 1 };
  if (c === '?') return { min: 0, max: 1, length: 1 };
  if (c !== '{') return null;
  const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(src.slice(i));
  if (m === null) return null;
  const min = Number(m[1]);
  const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  return { min, max, length: m[0].length };
}

/** Adds the other case of each ASCII letter, for the `i` flag. */
function foldCase(set: CharSet): CharSet {
  const out = new CharSet().addAll(set);
  for (let c = 65; c <= 90; c++) if (set.ascii[c] || set.ascii[c + 32]) out.ascii[c] = out.ascii[c + 32] = 1;
  return out;
}

/** Parses `src` into alternatives of item sequences; throws RegexShapeError for backreferences. */
export function parseRegex(src: string, ignoreCase: boolean): Item[][] {
  let i = 0;
  const parseAlts = (depth: number): Item[][] => {
    const alts: Item[][] = [[]];
    while (i < src.length) {
      const c = src[i]!;
      const seq = alts[alts.length - 1]!;
      const at = i;
      if (c === ')') {
        if (depth === 0) throw new RegexShapeError(`unmatched ")" at ${i}`);
        break;
      }
      if (c === '|') {
        alts.push([]);
        i++;
        continue;
      }
      // A quantifier applies to the item before it; a `{` that is no quantifier is a literal (Annex B).
      const q = quantifierAt(src, i);
      const last = seq[seq.length - 1];
      if (q !== null && last !== undefined && last.min === 1 && last.max === 1) {
        last.min = q.min;
        last.max = q.max;
        i += q.length + (src[i + q.length] === '?' ? 1 : 0);
        continue;
      }
      if (q !== null && c !== '{') throw new RegexShapeError(`quantifier without a target at ${i}`);
      if (c === '(') {
        const lookahead = src.startsWith('(?=', i) || src.startsWith('(?!', i);
        const lookbehind = src.startsWith('(?<=', i) || src.startsWith('(?<!', i);
        const look = lookahead || lookbehind;
        if (look) i += lookahead ? 3 : 4;
        else if (src.startsWith('(?<', i)) i = src.indexOf('>', i) + 1;
        else if (src.startsWith('(?:', i)) i += 3;
        else i += 1;
        const inner = parseAlts(depth + 1);
        if (src[i] !== ')') throw new RegexShapeError(`unterminated group at ${at}`);
        i++;
        seq.push({ t: 'group', alts: inner, look, min: 1, max: 1, at });
      } else if (c === '^' || c === '$') {
        seq.push({ t: 'assert', kind: c === '^' ? 'start' : 'end', min: 1, max: 1, at });
        i++;
      } else if (c === '\\' && (src[i + 1] === 'b' || src[i + 1] === 'B')) {
        seq.push({ t: 'assert', kind: src[i + 1] === 'b' ? 'boundary' : 'non-boundary', min: 1, max: 1, at });
        i += 2;
      } else {
        let set: CharSet;
        if (c === '\\') ({ set, end: i } = escapeAt(src, i, false));
        else if (c === '[') ({ set, end: i } = classAt(src, i));
        else if (c === '.') {
          set = DOT;
          i++;
        }
        else {
          const code = src.codePointAt(i)!;
          set = CharSet.of([code]);
          i += code > 0xffff ? 2 : 1;
        }
        seq.push({ t: 'set', set: ignoreCase ? foldCase(set) : set, min: 1, max: 1, at });
      }
    }
    return alts;
  };
  const alts = parseAlts(0);
  if (i < src.length) throw new RegexShapeError(`unmatched ")" at ${i}`);
  return alts;
}
