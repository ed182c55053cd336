import { writeField } from '../adapters/text-field.js';
import type { ScanUnit } from './units.js';
import type { Finding } from '../scan/types.js';
import { TextRedactor, type MintForKind } from './redact-text.js';
import { Slicer } from '../slicer.js';

export interface RedactionResult {
  /** Whether any string of the body changed (a placeholder, or escaped placeholder-shaped input). */
  changed: boolean;
  /** Findings replaced by placeholders. */
  redacted: number;
}

/** Findings minted between two looks at the clock. */
const STEP = 256;

/**
 * Writes placeholders into the parsed body for the findings the policy chose to redact, escaping
 * placeholder-shaped client text everywhere, and re-serialises opened tool-call arguments. Every
 * unit goes through the redactor, findings or not: the escape is part of the rewrite. Works in
 * slices (see Slicer), so a request with many findings leaves the event loop to everyone else.
 */
export async function applyRedactions(
  units: readonly ScanUnit[],
  toRedact: readonly (readonly Finding[])[],
  mint: MintForKind,
  slicer = new Slicer(),
): Promise<RedactionResult> {
  let changed = false;
  let redacted = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const redactor = new TextRedactor(unit.text, toRedact[i] ?? [], mint);
    for (;;) {
      redactor.step(STEP);
      if (redactor.done) break;
      await slicer.maybeYield();
    }
    const r = redactor.result();
    redacted += r.count;
    if (r.text !== unit.text) {
      writeField(unit.field, r.text);
      if (unit.group) unit.group.changed = true;
      changed = true;
    }
    await slicer.maybeYield();
  }
  if (changed) {
    for (const unit of units) {
      const g = unit.group;
      if (g?.changed) {
        writeField(g.field, JSON.stringify(g.doc));
        g.changed = false;
      }
    }
  }
  return { changed, redacted };
}
