import { readField, type TextField } from '../adapters/text-field.js';
import { walkAllStrings } from '../adapters/walk.js';

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
export function toScanUnits(fields: readonly TextField[]): ScanUnit[] {
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
