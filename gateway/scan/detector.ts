import type { ScanContext } from './context.js';
import type { TokenPrefix } from './prefix-index.js';
import type { FindingCategory } from './types.js';

/** Reports one span; `kind` defaults to the detector's own kind. */
export type Emit = (start: number, end: number, kind?: string) => void;

/**
 * One detector: finds candidates by something cheap (a literal, `@`, a digit pattern) and
 * validates them in code. `find` must run in time linear in the text's length, and every regex it
 * uses is listed in `patterns` so CI can check it with recheck.
 */
export interface Detector {
  readonly id: string;
  readonly category: FindingCategory;
  readonly kind: string;
  /** Short description of the anchor and the validation, for docs and error messages. */
  readonly anchor: string;
  readonly patterns: readonly RegExp[];
  /** Shortest text this detector can report in; shorter strings skip it (most JSON strings are tiny). */
  readonly minLength: number;
  /** Character features (chars.ts FEATURE_*) that must all occur in a short text for it to be scanned. */
  readonly requires: number;
  /**
   * Token prefixes ending in `_`, `-` or `.`, found by the scanner's one shared pass
   * (prefix-index.ts) and reported as this detector's; `find` covers only the rest.
   */
  readonly prefixes?: readonly TokenPrefix[];
  /** Off unless the configuration's `enabled` names it (the name detectors). */
  readonly optIn?: boolean;
  /** A generic detector loses an overlap to a specific one of the same category (AWS_KEY beats SECRET). */
  readonly generic?: boolean;
  /** `ctx` holds indexes shared between detectors (digit runs); detectors that need none ignore it. */
  find(text: string, emit: Emit, ctx: ScanContext): void;
}

/**
 * The `find` of a detector whose every finding comes from its `prefixes`: the scanner finds those in
 * its shared prefix pass and skips calling this.
 */
export const NO_SEARCH = (): void => undefined;

/**
 * Sets where a global regex resumes after match `m`: at `next`, but always past the match start so
 * every loop advances. Detectors write their own `exec` loops (a shared loop taking a callback was
 * megamorphic and allocated a closure per call, a third of the scan time on small strings).
 */
export function resumeAt(re: RegExp, m: RegExpExecArray, next: number): void {
  re.lastIndex = next > m.index ? next : m.index + 1;
}
