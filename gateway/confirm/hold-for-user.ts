import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ExchangeDecision } from '../policy/evaluate.js';
import type { ExchangeContext, PolicyFinding } from '../policy/finding.js';
import { rememberRule, type ConfirmDecision, type RememberLifetime, type RememberScope } from '../policy/remember.js';
import type { PolicyService } from '../policy/service.js';
import { AUDIT_DECISION_OF_HOLD } from '../store/pending-record.js';
import type { ExchangeState } from '../shared/exchange-state.js';
import type { Confirmations } from './confirmations.js';
import { holdVerdictOf, type HoldVerdict } from './outcome.js';
import type { HeldFinding, HoldRequest, Outcome } from './types.js';

/** A signal that fires when the client goes away before its response finished. */
function clientGoneSignal(res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  if (res.destroyed) ac.abort();
  else res.once('close', () => res.writableFinished || ac.abort());
  return ac.signal;
}

const SENT_FOR: Partial<Record<Outcome['kind'], 'original' | 'redacted'>> = { approved_original: 'original', approved_redacted: 'redacted' };

/** Notes a hold's outcome on the exchange's record. */
function noteOutcome(state: ExchangeState, outcome: Outcome, heldBy: string): void {
  state.pendingId = outcome.pendingId;
  state.decision = AUDIT_DECISION_OF_HOLD[outcome.kind];
  state.explain.sent = SENT_FOR[outcome.kind] ?? (outcome.kind === 'timed_out' && outcome.applied === 'redact' ? 'redacted' : 'nothing');
  state.explain.heldBy = heldBy;
}

const heldFinding = (f: PolicyFinding): HeldFinding => ({ category: f.category, detector: f.detector, kind: f.kind, field: f.field.path ?? f.field.fieldKind });

/**
 * Turns "remember this" into rules, one per asking finding (deduplicated: two findings of the same
 * detector remembered at category scope are one rule, and scope `everything` is always one rule),
 * saved through the policy service. Resolves to the saved rules' ids.
 */
function rememberer(policy: PolicyService, asking: readonly PolicyFinding[], ctx: ExchangeContext, valueOf: (f: PolicyFinding) => string | undefined): HoldRequest['remember'] {
  return async (decision: ConfirmDecision, scope: RememberScope, lifetime: RememberLifetime): Promise<string[]> => {
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

/** What one side of an exchange (request or response) asks the user about; the side builds the preview. */
export interface UserHold {
  readonly stage: HoldRequest['stage'];
  readonly state: ExchangeState;
  readonly ctx: ExchangeContext;
  /** The policy's decision; its `toConfirm` findings are what the user is asked about. */
  readonly decision: ExchangeDecision;
  /** Every detected value masked (see `maskedPreview`). */
  readonly preview: string;
  /** The unmasked text, for an explicit, audited reveal only. */
  readonly reveal: () => string;
  readonly payloadHash: string;
  /** A finding's value, for rules remembered at value scope (only its keyed hash is kept). */
  readonly valueOf: (f: PolicyFinding) => string | undefined;
  /** The client's response: its closing early abandons the hold. */
  readonly res: ServerResponse;
}

/**
 * Holds a request or a response for the user until they decide (or the timeout default, a
 * disconnect or shutdown ends it), notes the outcome and the time waited on the exchange's record,
 * and answers what the exchange does next.
 */
export async function holdForUser(confirmations: Confirmations, policy: PolicyService, hold: UserHold): Promise<HoldVerdict> {
  const { state, ctx, decision } = hold;
  const first = decision.toConfirm[0] ?? decision.decisions[0]!;
  const asking = decision.toConfirm.map((d) => d.finding);
  state.decision = 'held';
  const heldAt = performance.now();
  const outcome = await confirmations.hold(
    {
      stage: hold.stage,
      trigger: { category: first.finding.category, detector: first.finding.detector, ruleId: first.rule.id },
      findings: asking.map(heldFinding),
      preview: hold.preview,
      reveal: hold.reveal,
      client: state.client,
      provider: ctx.provider,
      model: ctx.model,
      route: ctx.route,
      payloadHash: hold.payloadHash,
      onHeld: (id) => (state.pendingId = id),
      onSettled: (by) => (state.explain.decidedBy = by),
      remember: rememberer(policy, asking, ctx, hold.valueOf),
    },
    clientGoneSignal(hold.res),
  );
  state.waitMs += performance.now() - heldAt;
  noteOutcome(state, outcome, first.rule.id);
  return holdVerdictOf(outcome);
}
