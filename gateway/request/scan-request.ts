// A request's text opened up for scanning, and the one scan call over all of it: the body's
// text-bearing fields (JSON-encoded tool-call arguments expanded into their values), the URL
// target's query values and passthrough path segments, each a scan unit; redaction writes back
// through the same units (redact.ts) and the target renders itself again.
import { collectTextFields } from '../adapters/collect.js';
import { readField, type TextField, type TextPlace } from '../adapters/text-field.js';
import { field, walkAllStrings } from '../adapters/walk.js';
import type { Finding } from '../scan/types.js';
import type { ApiShape } from '../shared/shape.js';
import type { ScanEngine } from './scan-engine.js';

/**
 * A string of tool-call arguments (JSON text) opened up: its values are scanned one by one and,
 * when one changes, the arguments are serialised again so they stay valid JSON.
 */
export interface JsonGroup {
  readonly field: TextField;
  readonly doc: unknown;
  changed: boolean;
}

/** One string to scan: a field of the body, or a value inside a JSON-encoded field. */
export interface ScanUnit {
  readonly field: TextField;
  readonly text: string;
  readonly group: JsonGroup | undefined;
}

function parseJsonText(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Turns the adapter's fields into scan units. JSON-encoded fields that parse are expanded into their
 * values; those that do not (partial or plain text arguments) are scanned as text, so nothing is
 * ever left unscanned.
 */
function toScanUnits(fields: readonly TextField[]): ScanUnit[] {
  const units: ScanUnit[] = [];
  for (const field of fields) {
    const text = readField(field);
    const doc = field.encoding === 'json' ? parseJsonText(text) : undefined;
    if (doc === undefined) {
      units.push({ field, text, group: undefined });
      continue;
    }
    const group: JsonGroup = { field, doc, changed: false };
    const inner: TextField[] = [];
    walkAllStrings(doc, field, inner);
    for (const f of inner) units.push({ field: f, text: readField(f), group });
  }
  return units;
}

/** URL text is written by the client program for the user: scanned like any other user text. */
const URL_TEXT: TextPlace = { kind: 'other', role: undefined, untrusted: false };

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

/** A target with nothing to scan (an API path, no query): itself, and nothing built per request. */
class PlainTarget implements RequestTarget {
  static readonly #none: readonly TextField[] = [];
  static readonly #safe: ReadonlySet<TextField> = new Set();
  readonly #target: string;
  constructor(target: string) {
    this.#target = target;
  }
  get fields(): readonly TextField[] {
    return PlainTarget.#none;
  }
  get unsafe(): ReadonlySet<TextField> {
    return PlainTarget.#safe;
  }
  render(): string {
    return this.#target;
  }
}

/** Opens `target` (a path with an optional query). `scanPath`: passthrough routes, whose path carries ids and names. */
export function openRequestTarget(target: string, scanPath: boolean): RequestTarget {
  const q = target.indexOf('?');
  // Most requests: `/v1/chat/completions` and the like, whose segments name the API and are not scanned.
  if (q === -1 && !scanPath) return new PlainTarget(target);
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

export interface ScannedRequest {
  units: ScanUnit[];
  /** Findings per unit, same order. */
  findings: Finding[][];
  total: number;
}

/**
 * Fields whose text is natural language, where the name detectors look: what people and tools wrote
 * (tool-call argument values are opened one by one, and code or identifiers in them are skipped by
 * the prose test). Tool definitions and other fields (model names, ids, URL pieces) are the client's own text.
 */
const PROSE_FIELDS: ReadonlySet<TextField['kind']> = new Set(['message', 'system', 'tool_result', 'tool_args', 'document']);

/**
 * Every text-bearing string of a parsed JSON body, when there is one, and the `extra` strings from
 * outside it (URL pieces), scanned together (inline or on a worker).
 */
export function scanRequestText(shape: ApiShape, json: unknown, extra: readonly TextField[], engine: ScanEngine, maxFindings?: number): ScannedRequest | Promise<ScannedRequest> {
  const fields = json === undefined ? [] : collectTextFields(shape, json);
  const units = toScanUnits(extra.length === 0 ? fields : [...fields, ...extra]);
  // Synchronous unless a worker scans (ScanEngine.scan): no promise for most requests.
  const findings = engine.scan(units.map((u) => u.text), maxFindings, units.map((u) => PROSE_FIELDS.has(u.field.kind)));
  return findings instanceof Promise ? findings.then((f) => scanned(units, f)) : scanned(units, findings);
}

function scanned(units: ScanUnit[], findings: Finding[][]): ScannedRequest {
  let total = 0;
  for (const f of findings) total += f.length;
  return { units, findings, total };
}
