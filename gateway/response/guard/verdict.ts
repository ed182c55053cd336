import { evaluate, type ExchangeDecision, type Policy } from '../../policy/evaluate.js';
import type { ExchangeContext, PolicyFinding } from '../../policy/finding.js';
import { inspectText, inspectToolCall, type Inspected, type ToolCallCheckOptions } from './check.js';
import type { ToolCall } from './extract.js';
import type { ResponseFinding } from './findings.js';

/**
 * From response-guard findings to what happens to the output, through the policy (so presets and the
 * user's rules decide, not the guard). Policy action → verdict:
 *   allow, redact → annotate (audit only; there is nothing in a command to redact), or pass if no findings;
 *   confirm       → confirm (hold the tool call; for text, only a JSON response can still be held);
 *   block         → sanitize for a tool call (it becomes a refusal, the response stays valid), block for text.
 */
export type GuardAction = 'pass' | 'annotate' | 'sanitize' | 'confirm' | 'block';

export interface GuardVerdict {
  readonly action: GuardAction;
  readonly findings: readonly ResponseFinding[];
  readonly decision: ExchangeDecision;
}

export interface GuardContext {
  readonly policy: Policy;
  readonly ctx: ExchangeContext;
  readonly now: number;
  readonly sessionId: string;
  /** Keyed hash for value-scoped rules (the value is the flagged slice: a command, a path, a secret). */
  readonly hash?: (value: string) => string;
}

export function guardVerdictFor(target: 'tool_call' | 'text', items: readonly Inspected[], g: GuardContext): GuardVerdict {
  const sources = new Map<PolicyFinding, string>(items.map((i) => [i.finding, i.source]));
  const findings = items.map((i) => i.finding);
  const decision = evaluate(g.policy, {
    findings,
    ctx: g.ctx,
    now: g.now,
    sessionId: g.sessionId,
    hash: g.hash,
    valueFor: (f) => sources.get(f)?.slice(f.start, f.end),
  });
  return { action: toGuardAction(target, decision, findings.length), findings, decision };
}

function toGuardAction(target: 'tool_call' | 'text', decision: ExchangeDecision, count: number): GuardAction {
  switch (decision.action) {
    case 'block':
      return target === 'tool_call' ? 'sanitize' : 'block';
    case 'confirm':
      return 'confirm';
    case 'allow':
    case 'redact':
      return count > 0 ? 'annotate' : 'pass';
  }
}

export const guardToolCall = (call: ToolCall, g: GuardContext & ToolCallCheckOptions): GuardVerdict =>
  guardVerdictFor('tool_call', inspectToolCall(call, g), g);

export const guardText = (text: string, g: GuardContext): GuardVerdict => guardVerdictFor('text', inspectText(text), g);
