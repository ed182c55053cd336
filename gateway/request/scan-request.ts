import { collectTextFields } from '../adapters/collect.js';
import type { ApiShape } from '../shared/shape.js';
import type { TextField } from '../adapters/text-field.js';
import type { Finding } from '../scan/types.js';
import type { ScanEngine } from './engine.js';
import { toScanUnits, type ScanUnit } from './units.js';

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
export async function scanRequestText(shape: ApiShape, json: unknown, extra: readonly TextField[], engine: ScanEngine, maxFindings?: number): Promise<ScannedRequest> {
  const fields = json === undefined ? [] : collectTextFields(shape, json);
  const units = toScanUnits(extra.length === 0 ? fields : [...fields, ...extra]);
  const findings = await engine.scanAll(units.map((u) => u.text), maxFindings, units.map((u) => PROSE_FIELDS.has(u.field.kind)));
  let total = 0;
  for (const f of findings) total += f.length;
  return { units, findings, total };
}

/** Counts findings by category into the exchange's audit tally. */
export function tallyFindings(findings: readonly (readonly Finding[])[], into: Record<string, number>): void {
  for (const list of findings) for (const f of list) into[f.category] = (into[f.category] ?? 0) + 1;
}
