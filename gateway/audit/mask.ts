/** One detector finding, as much of it as masking needs. */
export interface Span {
  start: number;
  end: number;
  kind: string;
}

export type ScanText = (text: string) => readonly Span[];

/** What stands in for a text that could not be scanned: better nothing in the audit than something nobody checked. */
export const UNSCANNED = '[UNSCANNED]';

/**
 * `text` with every finding replaced by `[KIND]`, for the audit, logs and metric labels, which must
 * never hold a value the scanner would flag. A scanner that throws gives UNSCANNED (fail closed).
 */
export function maskFlagged(scan: ScanText, text: string): string {
  let found: readonly Span[];
  try {
    found = scan(text);
  } catch {
    return UNSCANNED;
  }
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    out += `${text.slice(at, f.start)}[${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/**
 * A request path for the audit: each segment scanned percent-decoded (`%40` is an `@`), and a
 * segment with a finding kept masked and decoded; the others as sent.
 */
export function maskPath(scan: ScanText, path: string): string {
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i]!;
    if (raw === '') continue;
    let text = raw;
    try {
      text = decodeURIComponent(raw);
    } catch {
      // Malformed escapes: the raw text is what is scanned.
    }
    const masked = maskFlagged(scan, text);
    if (masked !== text) segments[i] = masked;
  }
  return segments.join('/');
}
