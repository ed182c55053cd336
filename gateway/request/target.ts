import type { FieldContext, TextField } from '../adapters/text-field.js';
import { field } from '../adapters/walk.js';

/** URL text is written by the client program for the user: scanned like any other user text. */
const URL_TEXT: FieldContext = { kind: 'other', role: undefined, untrusted: false };

/** One piece of the target: its text as received, and its decoded value (scanned, then maybe rewritten). */
interface Piece {
  readonly raw: string;
  /** Whether `raw` was valid percent-encoding; if not, the raw text itself is what is scanned. */
  readonly decoded: boolean;
  readonly plus: boolean;
}

/**
 * The request target opened up for scanning: query parameter values and, on passthrough routes,
 * the path segments below `/v1/`, each percent-decoded into `values` so a finding is seen however it
 * was encoded. After redaction `render()` puts the target back together, re-encoding only the pieces
 * whose value changed, so an untouched target goes upstream byte for byte.
 *
 * `unsafe` are the fields no placeholder can stand in for: a query parameter's name (the API reads
 * it) and text that is not valid percent-encoding. A finding there refuses the request.
 */
export interface RequestTarget {
  readonly fields: readonly TextField[];
  readonly unsafe: ReadonlySet<TextField>;
  render(): string;
}

function decodePiece(raw: string, plus: boolean): { value: string; decoded: boolean } {
  const text = plus ? raw.replace(/\+/g, ' ') : raw;
  if (!text.includes('%')) return { value: text, decoded: true };
  try {
    return { value: decodeURIComponent(text), decoded: true };
  } catch {
    return { value: raw, decoded: false };
  }
}

/** Opens `target` (a path with an optional query). `scanPath`: passthrough routes, whose path carries ids and names. */
export function openRequestTarget(target: string, scanPath: boolean): RequestTarget {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? undefined : target.slice(q + 1);
  const values: string[] = [];
  const pieces: Piece[] = [];
  const fields: TextField[] = [];
  const unsafe = new Set<TextField>();
  const add = (raw: string, plus: boolean, safe: boolean): number => {
    const { value, decoded } = decodePiece(raw, plus);
    const i = values.push(value) - 1;
    pieces.push({ raw, decoded, plus });
    if (value.length === 0) return i;
    const f = field(URL_TEXT, 'other', values, i, 'text');
    fields.push(f);
    if (!safe || !decoded) unsafe.add(f);
    return i;
  };

  // '/v1/files/file-abc/content' → the segments after 'v1' are scanned; the leading ones name the API.
  const segments = path.split('/');
  const segmentAt: (number | undefined)[] = segments.map((s, n) => (scanPath && n >= 2 ? add(s, false, true) : undefined));
  const params = query === undefined || query === '' ? [] : query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    return { name: add(name, true, false), value: eq === -1 ? undefined : add(pair.slice(eq + 1), true, true) };
  });

  const out = (i: number): string => {
    const p = pieces[i]!;
    const original = decodePiece(p.raw, p.plus).value;
    return values[i] === original ? p.raw : encodeURIComponent(values[i]!);
  };
  return {
    fields,
    unsafe,
    render() {
      const newPath = segments.map((s, n) => (segmentAt[n] === undefined ? s : out(segmentAt[n]))).join('/');
      if (query === undefined) return newPath;
      return `${newPath}?${params.map((p) => (p.value === undefined ? out(p.name) : `${out(p.name)}=${out(p.value)}`)).join('&')}`;
    },
  };
}
