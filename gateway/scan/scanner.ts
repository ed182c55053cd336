import { FEATURE_DASH, FEATURE_DOT, FEATURE_UNDERSCORE, features } from './chars.js';
import { ScanContext } from './context.js';
import { NO_SEARCH, type Detector, type Emit } from './detector.js';
import { ScanLimitError } from './errors.js';
import { normalizeForScan, type NormalizedView } from './normalize.js';
import { resolveOverlaps } from './overlap.js';
import { buildPrefixTable, prefixedSpans } from './prefix-index.js';
import { maskSpans, placeholderSpans, touchesSpan } from './placeholder-mask.js';
import { MIN_CACHED_CHARS, ScanResultCache } from './result-cache.js';
import type { NameSpan } from './names/find.js';
import type { Finding, Scanner } from './types.js';

export interface ScannerParts {
  detectors: readonly Detector[];
  allowlist: ReadonlySet<string>;
  maxScanChars: number;
  /** Scan the NFKC-folded text with invisible characters removed (default). Off only to measure its cost. */
  normalize: boolean;
  /** The name finder (with its allowlist), when a name detector is on. */
  findNames?: (text: string) => NameSpan[];
  /** Total length of long strings whose findings are kept for the next request (result-cache.ts); 0: none. */
  cacheChars: number;
}

/**
 * Up to this length a string's character features are computed (one pass, ~1 ns/char) so that
 * detectors whose trigger characters are absent are skipped (each skipped detector saves more than
 * the pass costs on strings this short); longer strings run every detector.
 */
const FEATURE_SCAN_MAX = 4096;

function rankOf(d: Detector): number {
  if (d.category === 'secret') return d.generic ? 3 : 4;
  if (d.category === 'name') return 0;
  return d.category === 'custom' ? 2 : 1;
}

/**
 * Runs the compiled detectors over one string. Detectors see its normalised view (normalize.ts:
 * NFKC-folded, invisible characters removed; the string itself when it is pure ASCII), with
 * placeholders masked (offsets unchanged); every detector reports into one list, anything touching
 * a placeholder is dropped, offsets are mapped back to the original, allowlisted values are dropped
 * and overlaps are resolved. Synchronous and not re-entrant by design:
 * the emit closures are built once and write to the list of the scan in progress.
 */
interface Run {
  detector: Detector;
  emit: Emit;
}

/** A text without any separator a token prefix ends in cannot hold a prefixed token. */
const PREFIX_SEPARATORS = FEATURE_UNDERSCORE | FEATURE_DASH | FEATURE_DOT;

export function createScanner(parts: ScannerParts): Scanner {
  const ranks = new Map(parts.detectors.map((d) => [d.id, rankOf(d)]));
  const rank = (f: Finding): number => ranks.get(f.detector) ?? 0;
  let found: Finding[] = [];
  const runs: Run[] = parts.detectors.map((detector) => ({
    detector,
    emit: (start, end, kind = detector.kind) => {
      found.push({ detector: detector.id, category: detector.category, kind, start, end });
    },
  }));
  const emitFor = new Map(runs.map((r) => [r.detector.id, r.emit]));
  // Prefixed tokens of every detector come from one pass (prefix-index.ts), run by the scanner.
  const prefixes = buildPrefixTable(parts.detectors);
  const owners = parts.detectors.filter((d) => d.prefixes !== undefined && d.prefixes.length > 0);
  const prefixMinLength = Math.min(...owners.map((d) => d.minLength));

  /**
   * The detectors worth calling on a text with the character features `present` (-1: long text,
   * all of them), shortest minLength first so the loop stops at the first that wants a longer text.
   * Cached per feature set: with dozens of detectors and hundreds of tiny strings per request, the
   * per-string check of every detector cost more than most detectors' own work.
   */
  const searching = runs.filter((r) => r.detector.find !== NO_SEARCH).sort((a, b) => a.detector.minLength - b.detector.minLength);
  const byFeatures = new Map<number, Run[]>();
  function runnable(present: number): Run[] {
    let list = byFeatures.get(present);
    if (list === undefined) {
      list = searching.filter((r) => (present & r.detector.requires) === r.detector.requires);
      byFeatures.set(present, list);
    }
    return list;
  }

  /** Findings in view offsets → original offsets; a value is allowlisted as sent or as folded. */
  function keep(text: string, view: NormalizedView | null, spans: readonly number[], f: Finding): boolean {
    if (!(f.end > f.start) || (spans.length > 0 && touchesSpan(spans, f.start, f.end))) return false;
    const folded = view === null ? undefined : view.text.slice(f.start, f.end);
    if (view !== null) {
      f.start = view.start(f.start);
      f.end = view.end(f.end);
    }
    if (parts.allowlist.size === 0) return true;
    return !parts.allowlist.has(text.slice(f.start, f.end)) && !(folded !== undefined && parts.allowlist.has(folded));
  }

  const cache = parts.cacheChars > 0 ? new ScanResultCache(parts.cacheChars) : undefined;

  /** Long strings go through the cache: a conversation's history comes back every turn. */
  function scan(text: string, prose = false): Finding[] {
    if (cache === undefined || text.length < MIN_CACHED_CHARS) return scanOnce(text, prose);
    // Without a name finder, prose and other text are scanned alike: one entry serves both.
    const asProse = prose && parts.findNames !== undefined;
    const hit = cache.get(text, asProse);
    if (hit !== undefined) return hit;
    const found = scanOnce(text, prose);
    cache.set(text, asProse, found);
    return found;
  }

  function scanOnce(text: string, prose: boolean): Finding[] {
    if (text.length > parts.maxScanChars) throw new ScanLimitError(text.length, parts.maxScanChars);
    const view = parts.normalize ? normalizeForScan(text) : null;
    const seen = view === null ? text : view.text;
    const spans = placeholderSpans(seen);
    const masked = spans.length > 0 ? maskSpans(seen, spans) : seen;
    found = [];
    const present = seen.length <= FEATURE_SCAN_MAX ? features(masked) : -1;
    const ctx = new ScanContext(masked, prose ? parts.findNames : undefined);
    for (const run of runnable(present)) {
      if (seen.length < run.detector.minLength) break;
      run.detector.find(masked, run.emit, ctx);
    }
    if (owners.length > 0 && seen.length >= prefixMinLength && (present & PREFIX_SEPARATORS) !== 0) {
      for (const [owner, spans] of prefixedSpans(masked, prefixes)) {
        const emit = emitFor.get(owner)!;
        for (let i = 0; i < spans.length; i += 2) emit(spans[i]!, spans[i + 1]!);
      }
    }
    const result = found;
    found = [];
    if (result.length === 0) return result;
    return resolveOverlaps(result.filter((f) => keep(text, view, spans, f)), rank);
  }

  return { scan };
}
