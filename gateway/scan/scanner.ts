import { features } from './chars.js';
import { ScanContext } from './context.js';
import type { Detector, Emit } from './detector.js';
import { ScanLimitError } from './errors.js';
import { resolveOverlaps } from './overlap.js';
import { maskSpans, placeholderSpans, touchesSpan } from './placeholder-mask.js';
import type { Finding, Scanner } from './types.js';

export interface ScannerParts {
  detectors: readonly Detector[];
  allowlist: ReadonlySet<string>;
  maxScanChars: number;
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
 * Runs the compiled detectors over one string. Placeholders are masked first (offsets unchanged),
 * then every detector reports into one list, allowlisted values and anything touching a
 * placeholder are dropped, and overlaps are resolved. Synchronous and not re-entrant by design:
 * the emit closures are built once and write to the list of the scan in progress.
 */
export function createScanner(parts: ScannerParts): Scanner {
  const ranks = new Map(parts.detectors.map((d) => [d.id, rankOf(d)]));
  const rank = (f: Finding): number => ranks.get(f.detector) ?? 0;
  let found: Finding[] = [];
  const runs: { detector: Detector; emit: Emit }[] = parts.detectors.map((detector) => ({
    detector,
    emit: (start, end, kind = detector.kind) => {
      found.push({ detector: detector.id, category: detector.category, kind, start, end });
    },
  }));

  function scan(text: string): Finding[] {
    if (text.length > parts.maxScanChars) throw new ScanLimitError(text.length, parts.maxScanChars);
    const spans = placeholderSpans(text);
    const masked = spans.length > 0 ? maskSpans(text, spans) : text;
    found = [];
    const present = text.length <= FEATURE_SCAN_MAX ? features(masked) : -1;
    const ctx = new ScanContext(masked);
    for (const run of runs) {
      const d = run.detector;
      if (text.length >= d.minLength && (present & d.requires) === d.requires) d.find(masked, run.emit, ctx);
    }
    const result = found;
    found = [];
    if (result.length === 0) return result;
    const kept = result.filter(
      (f) =>
        f.end > f.start &&
        !(spans.length > 0 && touchesSpan(spans, f.start, f.end)) &&
        !(parts.allowlist.size > 0 && parts.allowlist.has(text.slice(f.start, f.end))),
    );
    return resolveOverlaps(kept, rank);
  }

  return { scan };
}
