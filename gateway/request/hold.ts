import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Confirmations } from '../confirm/confirmations.js';
import { verdictFor, type Verdict } from '../confirm/outcome.js';
import { maskedPreview } from '../confirm/preview.js';
import type { HeldFinding, Outcome } from '../confirm/types.js';
import type { AuditDecision } from '../shared/audit-event.js';
import type { ExchangeDecision } from '../policy/evaluate.js';
import type { ExchangeContext, PolicyFinding } from '../policy/finding.js';
import { rememberRule } from '../policy/remember.js';
import type { PolicyService } from '../policy/service.js';
import type { ScanUnit } from './scan-request.js';
import type { ExchangeState } from '../shared/exchange-state.js';

/** A signal that fires when the client goes away before its response finished. */
export function clientGoneSignal(res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  if (res.destroyed) ac.abort();
  else res.once('close', () => res.writableFinished || ac.abort());
  return ac.signal;
}

const AUDIT_FOR: Record<Outcome['kind'], AuditDecision> = {
  approved_redacted: 'approved',
  approved_original: 'approved',
  denied: 'denied',
  timed_out: 'timed_out',
  abandoned: 'held',
  cancelled: 'held',
};

/** Notes a hold's outcome on the exchange's record. */
export function noteOutcome(state: ExchangeState, outcome: Outcome, heldBy?: string): void {
  state.pendingId = outcome.pendingId;
  state.decision = AUDIT_FOR[outcome.kind];
  state.explain.sent = SENT_FOR[outcome.kind] ?? (outcome.kind === 'timed_out' && outcome.applied === 'redact' ? 'redacted' : 'nothing');
  if (heldBy !== undefined) state.explain.heldBy = heldBy;
}

const SENT_FOR: Partial<Record<Outcome['kind'], 'original' | 'redacted'>> = { approved_original: 'original', approved_redacted: 'redacted' };

export const heldFinding = (f: PolicyFinding): HeldFinding => ({ category: f.category, detector: f.detector, kind: f.kind, field: f.field.path ?? f.field.fieldKind });

/**
 * Turns "remember this" into rules, one per asking finding (deduplicated: two findings of the same
 * detector remembered at category scope are one rule, and scope `everything` is always one rule),
 * saved through the policy service. Resolves to the saved rules' ids.
 */
export function rememberer(policy: PolicyService, asking: readonly PolicyFinding[], ctx: ExchangeContext, valueOf: (f: PolicyFinding) => string | undefined) {
  return async (...[decision, scope, lifetime]: Parameters<Parameters<Confirmations['hold']>[0]['remember']>): Promise<string[]> => {
    const now = Date.now();
    const seen = new Set<string>();
    const ids: string[] = [];
    for (const finding of asking) {
      const value = scope === 'value' ? valueOf(finding) : undefined;
      const rule = rememberRule(decision, scope, lifetime, finding, ctx, now, {
        sessionId: policy.sessionId,
        valueHash: value === undefined ? undefined : policy.hash(value),
      });
      const key = JSON.stringify(rule.match);
      if (seen.has(key)) continue;
      seen.add(key);
      await policy.save(rule, 'remembered');
      ids.push(rule.id);
    }
    return ids;
  };
}

export interface RequestHoldInput {
  state: ExchangeState;
  ctx: ExchangeContext;
  decision: ExchangeDecision;
  units: readonly ScanUnit[];
  unitOf: ReadonlyMap<PolicyFinding, number>;
  all: readonly PolicyFinding[];
  payloadHash: string;
  res: ServerResponse;
}

/**
 * Holds a request before it is forwarded until the user decides (or the timeout default, a
 * disconnect or shutdown ends it). The preview masks every detected value; only an explicit,
 * audited reveal shows the asking strings in full.
 */
export async function holdRequest(confirmations: Confirmations, policy: PolicyService, input: RequestHoldInput): Promise<Verdict> {
  const { state, ctx, decision, units, unitOf, all } = input;
  const asking = decision.toConfirm.map((d) => d.finding);
  const unitIds = [...new Set(asking.map((f) => unitOf.get(f)!))].sort((a, b) => a - b);
  const inUnit = (u: number, list: readonly PolicyFinding[]) => list.filter((f) => unitOf.get(f) === u);
  const preview = unitIds.map((u) => maskedPreview(units[u]!.text, inUnit(u, all), inUnit(u, asking))).join('\n…\n');
  const valueOf = (f: PolicyFinding) => units[unitOf.get(f)!]?.text.slice(f.start, f.end);
  const first = decision.toConfirm[0]!;
  state.decision = 'held';
  const heldAt = performance.now();
  const outcome = await confirmations.hold(
    {
      stage: 'request',
      trigger: { category: first.finding.category, detector: first.finding.detector, ruleId: first.rule.id },
      findings: asking.map(heldFinding),
      preview,
      reveal: () => unitIds.map((u) => units[u]!.text).join('\n…\n'),
      client: state.client,
      provider: ctx.provider,
      model: ctx.model,
      route: ctx.route,
      payloadHash: input.payloadHash,
      onHeld: (id) => (state.pendingId = id),
      onSettled: (by) => (state.explain.decidedBy = by),
      remember: rememberer(policy, asking, ctx, valueOf),
    },
    clientGoneSignal(input.res),
  );
  state.waitMs += performance.now() - heldAt;
  noteOutcome(state, outcome, first.rule.id);
  return verdictFor(outcome);
}
