import type { FieldContext as WhereInBody } from '../adapters/text-field.js';
import type { ProviderName } from '../shared/shape.js';
import { scanInjection } from './injection/scan.js';
import type { ScanUnit } from './units.js';
import type { FindingDecision } from '../policy/evaluate.js';
import type { ExchangeContext, FieldContext, PolicyFinding } from '../policy/finding.js';
import type { Finding } from '../scan/types.js';
import type { Slicer } from '../slicer.js';
import type { ExchangeState } from '../shared/exchange-state.js';

/** The policy's view of where a string sits (adapters say `other` for metadata outside the conversation). */
export function policyField(where: WhereInBody): FieldContext {
  return {
    role: where.role ?? 'user',
    fieldKind: where.kind === 'other' ? 'message' : where.kind,
    untrusted: where.untrusted,
  };
}

export interface RequestFindings {
  readonly list: PolicyFinding[];
  /** Which scan unit each finding is in, for redaction and previews. */
  readonly unitOf: Map<PolicyFinding, number>;
}

/**
 * Detector findings of every unit, plus prompt-injection heuristics on untrusted units (tool results,
 * documents): all in the one shape the policy evaluates.
 */
export async function requestFindings(units: readonly ScanUnit[], detected: readonly (readonly Finding[])[], slicer: Slicer): Promise<RequestFindings> {
  const list: PolicyFinding[] = [];
  const unitOf = new Map<PolicyFinding, number>();
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const found = detected[i]!;
    if (found.length === 0 && !unit.field.untrusted) continue;
    const field = policyField(unit.field);
    for (let j = 0; j < found.length; j++) {
      const pf: PolicyFinding = { ...found[j]!, field };
      list.push(pf);
      unitOf.set(pf, i);
      if ((j & 255) === 255) await slicer.maybeYield();
    }
    if (unit.field.untrusted) {
      for (const pf of scanInjection(unit.text, field)) {
        list.push(pf);
        unitOf.set(pf, i);
      }
    }
  }
  return { list, unitOf };
}

export function exchangeContext(state: ExchangeState, provider: ProviderName): ExchangeContext {
  const { app, keyId, preset } = state.client;
  return { app, clientKeyId: keyId, ...(preset === undefined ? {} : { preset }), provider, model: state.model, route: state.path };
}

/**
 * Per unit, the detector findings to replace by placeholders: those the policy redacts, and those
 * it asked about when the answer was "approve as redacted" (or a timeout that applies redact).
 * Guard findings are never redacted; allowed findings go out as they are.
 */
export async function findingsToRedact(
  unitCount: number,
  decisions: readonly FindingDecision[],
  unitOf: ReadonlyMap<PolicyFinding, number>,
  confirmedAs: 'redact' | 'original',
  slicer: Slicer,
): Promise<Finding[][]> {
  const out: Finding[][] = Array.from({ length: unitCount }, () => []);
  for (let i = 0; i < decisions.length; i++) {
    const d = decisions[i]!;
    if ((i & 1023) === 1023) await slicer.maybeYield();
    const category = d.finding.category;
    if (category === 'injection' || category === 'response') continue;
    if (d.action === 'redact' || (d.action === 'confirm' && confirmedAs === 'redact')) out[unitOf.get(d.finding)!]!.push(d.finding as Finding);
  }
  // Findings arrive unit by unit in scan order, so each list is already sorted and non-overlapping.
  return out;
}
