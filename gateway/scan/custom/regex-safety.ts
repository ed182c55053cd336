import { CharSet, parseRegex, RegexShapeError, WORD, type Item } from './regex-parse.js';

/**
 * A structural check for user-supplied deny-term regexes, run when the config loads. recheck's
 * synchronous API takes 5 ms to over 2 s per pattern (its fuzzer), too slow and too uneven for config
 * loading, so instead a pattern must have a shape that backtracking engines run in linear time:
 *  - no backreferences (they defeat every linear-time argument);
 *  - no repeated group (max > 1) that contains a quantifier or an alternation (nested or ambiguous
 *    repetition: `(a+)+`, `(a|ab){1,9}`, `(\w+\s?)*`);
 *  - the product of all bounded quantifier ranges (max − min + 1) at most RANGE_BUDGET
 *    (`a{0,99}a{0,99}a{0,99}` is rejected);
 *  - every unbounded loop (`*`, `+`, `{n,}`) over a set S is "guarded": walking back from it, the
 *    pattern reaches `^`, a `\b` that S cannot straddle, or a required character that is not in S,
 *    before any other unbounded loop whose characters overlap S. Then the runs the loop scans from
 *    different match attempts are disjoint, and backtracking into it costs one pass (`PRJ-\d+`,
 *    `\b\w+@`, `[a-z]+\d+`). An unguarded loop (`\d+x`, `\s*.+`) rescans the same run from every start
 *    position: quadratic. A loop that ends the pattern needs no guard, since reaching it means a match
 *    that consumes the run (`ghp_\w+`), unless matches may be retried one character on (whole-word).
 */
export const RANGE_BUDGET = 1024;

export interface RegexSafetyOptions {
  ignoreCase?: boolean;
  /** The scanner may resume one character after a match (whole-word terms): no trailing-loop pass. */
  retriesInsideMatch?: boolean;
}

type Frame = { seq: Item[]; index: number };

const hasQuantifierOrAlternation = (alts: Item[][]): boolean =>
  alts.length > 1 || alts.some((seq) => seq.some((it) => it.min !== it.max || (it.t === 'group' && hasQuantifierOrAlternation(it.alts))));

function setOf(item: Item): CharSet {
  if (item.t === 'set') return item.set;
  const out = new CharSet();
  if (item.t === 'group' && !item.look) for (const seq of item.alts) for (const it of seq) out.addAll(setOf(it));
  return out;
}

/** Whether the item can match without consuming a character. */
function nullable(item: Item): boolean {
  if (item.min === 0 || item.t === 'assert') return true;
  if (item.t === 'set') return false;
  return item.look || item.alts.some((seq) => seq.every(nullable));
}

function describe(src: string, item: Item): string {
  return `"${src.slice(item.at, item.at + 12)}${src.length > item.at + 12 ? '…' : ''}" at ${item.at}`;
}

type Walk = 'guarded' | 'open' | { reason: string };

/**
 * What stands right before a loop over `S`, read backwards from `seq[from]`: a guard, nothing that
 * decides (keep walking), or another unbounded loop over shared characters (a reason to refuse).
 * Groups are read alternative by alternative, so a loop inside an earlier group counts too.
 */
function walkBack(src: string, seq: readonly Item[], from: number, S: CharSet, loop: Item): Walk {
  for (let j = from; j >= 0; j--) {
    const r = passBack(src, seq[j]!, S, loop);
    if (r !== 'open') return r;
  }
  return 'open';
}

function passBack(src: string, prev: Item, S: CharSet, loop: Item): Walk {
  if (prev.t === 'assert') {
    if (prev.kind === 'start') return 'guarded';
    if (prev.kind === 'boundary' && (S.within(WORD) || !S.overlaps(WORD))) return 'guarded';
    return 'open';
  }
  if (prev.t === 'group' && prev.look) return 'open';
  if (prev.t === 'group' && prev.max !== Infinity) {
    const each = prev.alts.map((alt) => walkBack(src, alt, alt.length - 1, S, loop));
    const refused = each.find((r): r is { reason: string } => typeof r === 'object');
    if (refused) return refused;
    return prev.min >= 1 && each.every((r) => r === 'guarded') ? 'guarded' : 'open';
  }
  const P = setOf(prev);
  if (!nullable(prev) && !P.overlaps(S)) return 'guarded';
  if (prev.max === Infinity && P.overlaps(S)) {
    return { reason: `unbounded quantifiers ${describe(src, prev)} and ${describe(src, loop)} overlap (polynomial backtracking); separate them with a character neither matches` };
  }
  return 'open';
}

/**
 * Walks back from the loop at `path` (innermost frame last) and says why it is not guarded, or null.
 */
function unguardedReason(src: string, path: Frame[], loop: Item, opts: RegexSafetyOptions): string | null {
  const S = setOf(loop);
  for (let f = path.length - 1; f >= 0; f--) {
    const { seq, index } = path[f]!;
    const r = walkBack(src, seq, index - 1, S, loop);
    if (r === 'guarded') return null;
    if (r !== 'open') return r.reason;
  }
  const last = path.every(({ seq, index }) => index === seq.length - 1);
  if (last && !opts.retriesInsideMatch) return null;
  return `unbounded quantifier ${describe(src, loop)} can start anywhere and rescan its run from every position; put a literal it cannot match, \\b or ^ before it, or bound it such as {1,64}`;
}

/** Why `source` may backtrack super-linearly, or null when it passes the structural rules. */
export function unsafeRegexReason(source: string, opts: RegexSafetyOptions = {}): string | null {
  let top: Item[][];
  try {
    top = parseRegex(source, opts.ignoreCase ?? false);
  } catch (err) {
    if (err instanceof RegexShapeError) return err.message;
    throw err;
  }
  let budget = 1;
  const visit = (alts: Item[][], path: Frame[], inLook: boolean): string | null => {
    for (const seq of alts) {
      for (let index = 0; index < seq.length; index++) {
        const item = seq[index]!;
        const here = [...path, { seq, index }];
        if (item.max > 1 && item.t === 'group' && hasQuantifierOrAlternation(item.alts)) {
          return `repeated group containing a quantifier or alternation at ${item.at} (nested repetition)`;
        }
        if (item.max === Infinity) {
          if (inLook) return `unbounded quantifier ${describe(source, item)} inside a lookaround; bound it such as {1,64}`;
          const reason = unguardedReason(source, here, item, opts);
          if (reason !== null) return reason;
        } else {
          budget *= item.max - item.min + 1;
          if (budget > RANGE_BUDGET) return `quantifier ranges multiply to more than ${RANGE_BUDGET} backtracking steps per position`;
        }
        if (item.t === 'group') {
          const reason = visit(item.alts, here, inLook || item.look);
          if (reason !== null) return reason;
        }
      }
    }
    return null;
  };
  return visit(top, [], false);
}
