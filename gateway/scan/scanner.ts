import { features } from './chars.js';
import { ScanContext } from './context.js';
import type { Detector, Emit } from './detector.js';
import { ScanLimitError } from './errors.js';
import { normalizeForScan, type NormalizedView } from './normalize.js';
import { resolveOverlaps } from './overlap.js';
import { buildPrefixTable } from './prefix-index.js';
import { maskSpans, placeholderSpans, touchesSpan } from './placeholder-mask.js';
import type { Finding, Scanner } from './types.js';

export interface ScannerParts {
  detectors: readonly Detector[];
  allowlist: ReadonlySet<string>;
  maxScanChars: number;
  /** Scan the NFKC-folded text with invisible characters removed (default). Off only to measure its cost. */
  normalize: boolean;
}

/**
 * Up to this length a string's character features are computed (one pass, ~1 ns/char) so that
 * detectors whose trigger characters are absent are skipped (each skipped detector saves more than
 * the pass costs on strings this short); longer strings run every detector.
 */
const FEATURE_SCAN_MAX = 4096;

function rankOf(d: Detector): number {
  if (d.category === 'secret') return d.generic ? 3 : 4;
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
export function createScanner(parts: ScannerParts): Scanner {
  const ranks = new Map(parts.detectors.map((d) => [d.id, rankOf(d)]));
  const prefixes = buildPrefixTable(parts.detectors);
  const rank = (f: Finding): number => ranks.get(f.detector) ?? 0;
  let found: Finding[] = [];
  const runs: { detector: Detector; emit: Emit }[] = parts.detectors.map((detector) => ({
    detector,
    emit: (start, end, kind = detector.kind) => {
      found.push({ detector: detector.id, category: detector.category, kind, start, end });
    },
  }));

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

  function scan(text: string): Finding[] {
    if (text.length > parts.maxScanChars) throw new ScanLimitError(text.length, parts.maxScanChars);
    const view = parts.normalize ? normalizeForScan(text) : null;
    const seen = view === null ? text : view.text;
    const spans = placeholderSpans(seen);
    const masked = spans.length > 0 ? maskSpans(seen, spans) : seen;
    found = [];
    const present = seen.length <= FEATURE_SCAN_MAX ? features(masked) : -1;
    const ctx = new ScanContext(masked, prefixes);
    for (const run of runs) {
      const d = run.detector;
      if (seen.length >= d.minLength && (present & d.requires) === d.requires) d.find(masked, run.emit, ctx);
    }
    const result = found;
    found = [];
    if (result.length === 0) return result;
    return resolveOverlaps(result.filter((f) => keep(text, view, spans, f)), rank);
  }

  return { scan };
}
