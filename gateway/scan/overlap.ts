import type { Finding } from './types.js';

/**
 * Orders findings by start and resolves overlaps: the finding with the higher rank wins (specific
 * secret > generic secret > custom > pii), then the longer, then the earlier, then by detector id,
 * so the result is deterministic. Non-overlapping input (the common case) is only sorted.
 */
export function resolveOverlaps(found: Finding[], rank: (f: Finding) => number): Finding[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  let overlapping = false;
  for (let i = 1; i < found.length && !overlapping; i++) overlapping = found[i].start < found[i - 1].end;
  if (!overlapping) return found;

  const byPriority = [...found].sort(
    (a, b) =>
      rank(b) - rank(a) ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      (a.detector < b.detector ? -1 : a.detector > b.detector ? 1 : 0),
  );
  const kept: Finding[] = [];
  for (const f of byPriority) {
    // First kept finding that ends after f starts; f fits if that one also starts at or after f ends.
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].end <= f.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo === kept.length || kept[lo].start >= f.end) kept.splice(lo, 0, f);
  }
  return kept;
}
