import { BASE64URL, at, runEnd, runStart } from './chars.js';

/**
 * A token format known by a literal prefix ending in `_`, `-` or `.` (`npm_`, `glpat-`, `sk-ant-`,
 * `ya29.`), then a run of body characters of bounded length. Dozens of vendors use such prefixes; searching each one
 * separately would cost a pass over the text per prefix, so the scanner finds all of them in one
 * shared pass (prefixedSpans).
 */
export interface TokenPrefix {
  readonly prefix: string;
  /** Character classes (chars.ts masks) of the body. */
  readonly body: number;
  readonly min: number;
  readonly max: number;
  /** Default: the body is not a filler (at least min(10, length/4) distinct characters). */
  readonly validate?: (body: string) => boolean;
}

/** Something that owns prefixes: a detector, by id. */
export interface PrefixOwner {
  readonly id: string;
  readonly prefixes?: readonly TokenPrefix[];
}

interface Entry {
  readonly owner: string;
  readonly shape: TokenPrefix;
}

export interface PrefixTable {
  readonly byKey: ReadonlyMap<string, readonly Entry[]>;
  /**
   * The two characters before the separator of every prefix, as a 128×128 bitmap (1 where some
   * prefix ends in that pair). Most `_` and `-` in a text follow a pair no prefix ends in, and are
   * passed over with two reads instead of a walk back and a map lookup.
   */
  readonly tails: Uint8Array;
  /** Longest prefix, separator included. */
  readonly longest: number;
  /** The separators prefixes end in, each searched with indexOf. */
  readonly separators: readonly string[];
}

export const EMPTY_PREFIX_TABLE: PrefixTable = { byKey: new Map(), tails: new Uint8Array(0), longest: 0, separators: [] };
const pair = (a: number, b: number): number => (a << 7) | b;

/** Compiled once per configuration from the enabled detectors, in their order (first owner wins a tie). */
export function buildPrefixTable(owners: readonly PrefixOwner[]): PrefixTable {
  const byKey = new Map<string, Entry[]>();
  const tails = new Uint8Array(128 * 128);
  let longest = 0;
  const separators = new Set<string>();
  for (const owner of owners) {
    for (const shape of owner.prefixes ?? []) {
      const sep = shape.prefix.at(-1)!;
      if ((sep !== '_' && sep !== '-' && sep !== '.') || shape.prefix.length < 3) throw new Error(`prefix ${shape.prefix} must be 2+ ASCII characters and end in _, - or .`);
      tails[pair(shape.prefix.charCodeAt(shape.prefix.length - 3), shape.prefix.charCodeAt(shape.prefix.length - 2))] = 1;
      const list = byKey.get(shape.prefix) ?? [];
      list.push({ owner: owner.id, shape });
      byKey.set(shape.prefix, list);
      longest = Math.max(longest, shape.prefix.length);
      separators.add(sep);
    }
  }
  return byKey.size === 0 ? EMPTY_PREFIX_TABLE : { byKey, tails, longest, separators: [...separators] };
}

function notFiller(body: string): boolean {
  return new Set(body).size >= Math.min(10, Math.ceil(body.length / 4));
}

/** Reads the body after the prefix ending at `sep`; the token's end, or -1 when it is not one. */
function readBody(text: string, sep: number, shape: TokenPrefix): number {
  const from = sep + 1;
  const end = runEnd(text, from, shape.body, shape.max + 1);
  const length = end - from;
  if (length < shape.min || length > shape.max || at(text, end, BASE64URL)) return -1;
  return (shape.validate ?? notFiller)(text.slice(from, end)) ? end : -1;
}

/**
 * Every prefixed token in `text`, as start/end pairs per owner. For each separator in the text, the
 * word before it (back to the start of its base64url run, so a prefix is never glued to a longer
 * word) is looked up in the table; a run longer than any prefix is skipped whole.
 */
export function prefixedSpans(text: string, table: PrefixTable): Map<string, number[]> {
  const hits = new Map<string, number[]>();
  for (const sep of table.separators) {
    let i = text.indexOf(sep);
    while (i !== -1) {
      let next = i + 1;
      const a = i >= 2 ? text.charCodeAt(i - 2) : 128;
      const b = text.charCodeAt(i - 1);
      if (a >= 128 || b >= 128 || table.tails[pair(a, b)] === 0) {
        i = text.indexOf(sep, next);
        continue;
      }
      const start = runStart(text, i, BASE64URL, table.longest - 1);
      if (at(text, start - 1, BASE64URL)) {
        next = Math.max(i + 1, runEnd(text, i, BASE64URL));
      } else {
        for (const { owner, shape } of table.byKey.get(text.slice(start, i + 1)) ?? []) {
          const end = readBody(text, i, shape);
          if (end < 0) continue;
          const list = hits.get(owner) ?? [];
          list.push(start, end);
          hits.set(owner, list);
          next = end;
          break;
        }
      }
      i = text.indexOf(sep, next);
    }
  }
  return hits;
}
