import type { ServerResponse } from 'node:http';
import type { Confirmations } from '../confirm/confirmations.js';
import { holdForUser } from '../confirm/hold-for-user.js';
import { maskedPreview, type PreviewFinding } from '../confirm/preview.js';
import { GatewayError } from '../errors.js';
import type { GatedCall, Judge, Judgement } from './tool-call-gate/judge.js';
import { inspectText, inspectToolCall, type Inspected } from './guard/check.js';
import { refuseToolCall, type RefusalOutcome } from './guard/sanitize.js';
import { guardVerdictFor, type GuardVerdict } from './guard/verdict.js';
import type { ExchangeContext } from '../policy/finding.js';
import type { PolicyService } from '../policy/service.js';
import type { ExchangeState } from '../shared/exchange-state.js';

export interface ResponseGuardDeps {
  policy: PolicyService;
  confirmations: Confirmations;
}

export interface ResponseGuardInput {
  state: ExchangeState;
  ctx: ExchangeContext;
  res: ServerResponse;
  /** Values the gateway restored into this response (a tool call sending one to a URL is exfiltration). */
  restoredSecrets: readonly string[];
}

function judgeItems(target: 'tool_call' | 'text', items: readonly Inspected[], deps: ResponseGuardDeps, input: ResponseGuardInput): GuardVerdict {
  const { policy } = deps;
  const now = Date.now();
  const verdict = guardVerdictFor(target, items, { policy: policy.policyFor(input.ctx.preset), ctx: input.ctx, now, sessionId: policy.sessionId, hash: (v) => policy.hash(v) });
  policy.noteHits(verdict.decision, now);
  if (verdict.findings.length > 0) input.state.findings.response = (input.state.findings.response ?? 0) + verdict.findings.length;
  return verdict;
}

/** Where the values restored into this response sit in `text`, so a preview can mask them. */
function restoredSpans(text: string, restored: readonly string[]): PreviewFinding[] {
  const spans: PreviewFinding[] = [];
  for (const value of restored) {
    for (let at = text.indexOf(value); at !== -1 && value.length > 0; at = text.indexOf(value, at + value.length)) {
      spans.push({ start: at, end: at + value.length, kind: 'SECRET', category: 'secret' });
    }
  }
  return spans;
}

/**
 * Holds model output for the user. The preview shows the flagged command with every value the
 * gateway restored into it masked; only the explicit reveal shows the whole call.
 */
async function holdResponse(what: string, items: readonly Inspected[], verdict: GuardVerdict, full: string, deps: ResponseGuardDeps, input: ResponseGuardInput) {
  const asking = verdict.decision.toConfirm.map((d) => d.finding);
  const sourceOf = new Map<unknown, string>(items.map((i) => [i.finding, i.source]));
  const shown = items.filter((i) => (asking as readonly unknown[]).includes(i.finding));
  const preview = `${what}\n${shown.map((i) => maskedPreview(i.source, [...restoredSpans(i.source, input.restoredSecrets), i.finding], [i.finding])).join('\n…\n')}`;
  const held = await holdForUser(deps.confirmations, deps.policy, {
    stage: 'response',
    state: input.state,
    ctx: input.ctx,
    decision: verdict.decision,
    preview,
    reveal: () => full,
    payloadHash: deps.policy.hash(full),
    valueOf: (f) => sourceOf.get(f)?.slice(f.start, f.end),
    res: input.res,
  });
  // A tool call is delivered as the model wrote it, or refused: nothing in it is redacted.
  if (input.state.explain.sent === 'redacted') input.state.explain.sent = 'original';
  return held;
}

const REFUSAL_OUTCOME: Record<string, RefusalOutcome> = { GW_ERR_CONFIRM_DENIED: 'denied', GW_ERR_CONFIRM_TIMEOUT: 'timed_out' };

/**
 * Judges each completed tool call of a response: dangerous ones go through the policy, which may
 * let them pass (annotated in the audit), replace them by a refusal, or hold them for the user.
 */
export function toolCallJudge(deps: ResponseGuardDeps, input: ResponseGuardInput): Judge {
  return (call: GatedCall): Judgement | Promise<Judgement> => {
    const items = inspectToolCall({ name: call.name, arguments: call.arguments }, { restoredSecrets: input.restoredSecrets });
    if (items.length === 0) return { release: true };
    const verdict = judgeItems('tool_call', items, deps, input);
    const refuse = (outcome: RefusalOutcome, pendingId?: string): Judgement => ({
      release: false,
      refusal: refuseToolCall({ call, findings: verdict.findings, outcome, pendingId }).text,
    });
    switch (verdict.action) {
      case 'pass':
      case 'annotate':
        return { release: true };
      case 'sanitize':
      case 'block':
        return refuse('blocked');
      case 'confirm':
        return holdResponse(`tool call "${call.name}"`, items, verdict, call.arguments, deps, input).then((v) =>
          'forward' in v ? { release: true } : refuse(REFUSAL_OUTCOME[v.refuse.code] ?? 'blocked', v.pendingId));
    }
  };
}

/**
 * Model text in a whole JSON response: findings are annotated; a policy that blocks or asks about
 * text blocks or holds the whole response (streamed text cannot be held: it has already flowed).
 */
export async function guardResponseText(text: string, deps: ResponseGuardDeps, input: ResponseGuardInput): Promise<void> {
  if (text.length === 0) return;
  const items = inspectText(text);
  if (items.length === 0) return;
  const verdict = judgeItems('text', items, deps, input);
  if (verdict.action === 'block') throw new GatewayError('GW_ERR_POLICY_BLOCKED', 'the response text matched a blocking rule');
  if (verdict.action === 'confirm') {
    const v = await holdResponse('response text', items, verdict, text, deps, input);
    if ('refuse' in v) throw v.refuse;
  }
}
