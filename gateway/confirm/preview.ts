import { maskValue } from './mask-value.js';
import { safeCut, visible } from './visible.js';

/**
 * The text a held confirmation shows: a little context around each finding, detected values masked,
 * invisible characters named, about 1 KB at most. Guard findings (injection, dangerous tool calls) are
 * not secrets but the very thing to judge, so their text is shown (long ones by head and tail); any
 * detected value inside them is still masked.
 */
export interface PreviewFinding {
  /** UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  readonly category: string;
}

export const PREVIEW_CONTEXT = 24;
export const PREVIEW_MAX = 1024;
/** A shown guard span longer than this keeps its head and tail. */
const GUARD_SHOWN = 160;
/** What a preview shows of a text that has no findings. */
const HEAD = 240;
/** Windows beyond these would fall past the cap. */
const MAX_WINDOWS = 64;
const GUARD_CATEGORIES = new Set(['injection', 'response']);

type Span = { start: number; end: number; kind: string };

/** Detected values, sorted; overlapping ones become one masked span (named after the longer). */
function sensitiveSpans(findings: readonly PreviewFinding[]): Span[] {
  const sorted = findings.filter((f) => !GUARD_CATEGORIES.has(f.category)).sort((a, b) => a.start - b.start);
  const spans: Span[] = [];
  for (const f of sorted) {
    const last = spans[spans.length - 1];
    if (last && f.start < last.end) {
      if (f.end - f.start > last.end - last.start) last.kind = f.kind;
      last.end = Math.max(last.end, f.end);
    } else spans.push({ start: f.start, end: f.end, kind: f.kind });
  }
  return spans;
}

/** The ranges to show, never cutting through a masked span, merged where they touch. */
function windows(text: string, findings: readonly PreviewFinding[], masked: readonly Span[]): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (const f of findings) {
    const long = GUARD_CATEGORIES.has(f.category) && f.end - f.start > GUARD_SHOWN;
    if (long) {
      raw.push([f.start - PREVIEW_CONTEXT, f.start + GUARD_SHOWN / 2], [f.end - GUARD_SHOWN / 2, f.end + PREVIEW_CONTEXT]);
    } else raw.push([f.start - PREVIEW_CONTEXT, f.end + PREVIEW_CONTEXT]);
  }
  const widen = (i: number, side: 'start' | 'end'): number => {
    const cut = safeCut(text, i);
    const inside = masked.find((s) => s.start < cut && cut < s.end);
    return inside ? inside[side] : cut;
  };
  const ranges = raw.map(([s, e]): [number, number] => [widen(s, 'start'), widen(e, 'end')]).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push(r);
  }
  return merged;
}

function render(text: string, [from, to]: [number, number], masked: readonly Span[]): string {
  let out = '';
  let pos = from;
  for (const s of masked) {
    if (s.end <= from || s.start >= to) continue;
    out += visible(text.slice(pos, s.start)) + maskValue(text.slice(s.start, s.end), s.kind);
    pos = s.end;
  }
  return out + visible(text.slice(pos, to));
}

function cap(preview: string): string {
  return preview.length <= PREVIEW_MAX ? preview : `${preview.slice(0, safeCut(preview, PREVIEW_MAX - 1))}…`;
}

const isValid = (text: string) => (f: PreviewFinding): boolean =>
  Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start < f.end && f.end <= text.length;

/**
 * `findings` are every finding in the text, so that all detected values are masked; the windows are
 * built around `around` (default: all of them), e.g. only the findings that asked for confirmation.
 * At most the first MAX_WINDOWS of those (in text order) get windows: the preview is capped anyway.
 */
export function maskedPreview(text: string, findings: readonly PreviewFinding[], around: readonly PreviewFinding[] = findings): string {
  const valid = isValid(text);
  const focus = around.filter(valid).sort((a, b) => a.start - b.start).slice(0, MAX_WINDOWS);
  if (focus.length === 0) {
    const head = text.slice(0, safeCut(text, HEAD));
    return cap(visible(head) + (head.length < text.length ? '…' : ''));
  }
  // Windows widen to whole masked spans, so an asking finding missing from `findings` is masked too.
  const masked = sensitiveSpans([...findings.filter(valid), ...focus]);
  const shown = windows(text, focus, masked);
  const parts = shown.map((w) => render(text, w, masked));
  const lead = shown[0]![0] > 0 ? '…' : '';
  const tail = shown[shown.length - 1]![1] < text.length ? '…' : '';
  return cap(lead + parts.join(' … ') + tail);
}
