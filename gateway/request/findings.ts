// Findings and the policy's decision on them: the detectors' findings of every scan unit (plus the
// injection heuristics on untrusted text) as policy findings, tallied for the audit, decided by the
// policy (a block refuses here), and turned into the list of findings to redact per unit.
import type { FieldContext as WhereInBody, TextField } from '../adapters/text-field.js';
import { GatewayError } from '../errors.js';
import type { ExchangeDecision, FindingDecision } from '../policy/evaluate.js';
import type { ExchangeContext, FieldContext, PolicyFinding } from '../policy/finding.js';
import type { PolicyService } from '../policy/service.js';
import type { Finding } from '../scan/types.js';
import type { AuditExplain } from '../shared/audit-event.js';
import type { ExchangeState } from '../shared/exchange-state.js';
import type { ProviderName } from '../shared/shape.js';
import type { Slicer } from '../slicer.js';
import { scanInjection } from './injection/scan.js';
import type { ScanUnit } from './scan-request.js';

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

/** Counts findings by category into the exchange's audit tally. */
export function tallyFindings(findings: readonly (readonly Finding[])[], into: Record<string, number>): void {
  for (const list of findings) for (const f of list) into[f.category] = (into[f.category] ?? 0) + 1;
}

/** Detector ids and counts for the audit's explanation (the category counts stay in `findings`). */
export function tallyDetectors(findings: readonly (readonly Finding[])[], explain: AuditExplain): void {
  for (const list of findings) {
    for (const f of list) {
      explain.detectors ??= {};
      explain.detectors[f.detector] = (explain.detectors[f.detector] ?? 0) + 1;
    }
  }
}

export function exchangeContext(state: ExchangeState, provider: ProviderName): ExchangeContext {
  const { app, keyId, preset } = state.client;
  return { app, clientKeyId: keyId, ...(preset === undefined ? {} : { preset }), provider, model: state.model, route: state.path };
}

/**
 * The policy's decision on a request's findings (allow, redact, confirm or block per finding), noted on
 * the exchange's record: injection counts, the user rules that matched, and once-rules consumed. A
 * block refuses the request here; a confirm is left to the caller to hold.
 */
export async function decideRequest(policy: PolicyService, found: RequestFindings, units: readonly ScanUnit[], ctx: ExchangeContext, state: ExchangeState, slicer: Slicer): Promise<ExchangeDecision> {
  const valueOf = (f: PolicyFinding) => units[found.unitOf.get(f)!]!.text.slice(f.start, f.end);
  const decision = await policy.evaluateInSlices(found.list, ctx, valueOf, slicer);
  for (const f of found.list) if (f.category === 'injection') state.findings.injection = (state.findings.injection ?? 0) + 1;
  const userRules = [...new Set(decision.decisions.filter((d) => d.rule.source !== 'preset').map((d) => d.rule.id))];
  if (userRules.length > 0) state.ruleIds = userRules;
  await policy.consume(decision.usedOnceRuleIds);

  if (decision.action === 'block') {
    const rule = decision.decisions.find((d) => d.action === 'block')!.rule;
    throw new GatewayError('GW_ERR_POLICY_BLOCKED', `rule ${rule.id}${rule.note ? ` (${rule.note})` : ''}`);
  }
  return decision;
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

/** A finding the policy would replace, in a string no placeholder can stand in for: the request is refused. */
export function refuseUnsafe(units: readonly ScanUnit[], toRedact: readonly (readonly Finding[])[], unsafe: ReadonlySet<TextField>): void {
  if (unsafe.size === 0) return;
  for (let i = 0; i < units.length; i++) {
    const list = toRedact[i]!;
    if (list.length > 0 && unsafe.has(units[i]!.field)) {
      throw new GatewayError('GW_ERR_SCAN_UNSAFE_TARGET', `a ${list[0]!.kind} in a query parameter name or in malformed percent-encoding`);
    }
  }
}
