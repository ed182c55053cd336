/**
 * Placeholders this gateway mints: `[[KIND_XXXXXXXX]]`, KIND as in Finding.kind, then 8 Crockford
 * base32 chars. They are already redacted text, so no detector may report them: before detectors
 * run they are masked with spaces (offsets unchanged), and any finding touching one is dropped.
 */
export const PLACEHOLDER = /\[\[[A-Z][A-Z0-9_]{0,63}_[0-9A-HJKMNP-TV-Z]{8}\]\]/g;

/** Start/end pairs of every placeholder-shaped span, or an empty array (fast path: no `[[`). */
export function placeholderSpans(text: string): number[] {
  const spans: number[] = [];
  if (!text.includes('[[')) return spans;
  PLACEHOLDER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PLACEHOLDER.exec(text)) !== null) spans.push(m.index, m.index + m[0].length);
  return spans;
}

/** `text` with each span replaced by spaces of the same length. */
export function maskSpans(text: string, spans: readonly number[]): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < spans.length; i += 2) {
    out += text.slice(from, spans[i]) + ' '.repeat(spans[i + 1] - spans[i]);
    from = spans[i + 1];
  }
  return out + text.slice(from);
}

/** True when [start, end) overlaps any span (spans sorted, non-overlapping). */
export function touchesSpan(spans: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid * 2 + 1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length / 2 && spans[lo * 2] < end;
}
