import { writeField } from '../adapters/text-field.js';
import type { ScanUnit } from '../inspect/units.js';
import type { Finding } from '../scan/types.js';
import { redactText, type MintForKind } from '../vault/redact-text.js';

export interface RedactionResult {
  /** Whether any string of the body changed (a placeholder, or escaped placeholder-shaped input). */
  changed: boolean;
  /** Findings replaced by placeholders. */
  redacted: number;
}

/**
 * Writes placeholders into the parsed body for the findings the policy chose to redact, escaping
 * placeholder-shaped client text everywhere, and re-serialises opened tool-call arguments. Every
 * unit goes through `redactText`, findings or not: the escape is part of the rewrite.
 */
export function applyRedactions(units: readonly ScanUnit[], toRedact: readonly (readonly Finding[])[], mint: MintForKind): RedactionResult {
  let changed = false;
  let redacted = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const r = redactText(unit.text, toRedact[i] ?? [], mint);
    redacted += r.count;
    if (r.text === unit.text) continue;
    writeField(unit.field, r.text);
    if (unit.group) unit.group.changed = true;
    changed = true;
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
