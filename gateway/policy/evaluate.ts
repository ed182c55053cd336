import type { ExchangeContext, PolicyFinding } from './finding.js';
import { compareRules, isLive, matches } from './precedence.js';
import { PRESETS } from './presets.js';
import { type PresetName } from '../shared/presets.js';
import { strongerAction, type Action, type Rule } from './rule.js';

/**
 * Pure policy evaluation: findings × exchange × rules → one action per finding and one per exchange.
 * No clock, no I/O: `now` and the session id come in, the keyed hash is injected, and `once` rules are
 * reported back for the caller to delete rather than consumed here.
 */

export interface Policy {
  readonly preset: PresetName;
  /** User and preset rules in precedence order: the first live match decides. */
  readonly ordered: readonly Rule[];
}

/** Sorts once when the rules change (config load, rule edit), not per request. */
export function compilePolicy(rules: readonly Rule[], preset: PresetName): Policy {
  const ordered = [...rules, ...PRESETS[preset]].sort(compareRules);
  return Object.freeze({ preset, ordered: Object.freeze(ordered) });
}

export interface EvaluateInput {
  readonly findings: readonly PolicyFinding[];
  readonly ctx: ExchangeContext;
  readonly now: number;
  /** Id of this gateway run; `session` rules from other runs are ignored. */
  readonly sessionId: string;
  /** The finding's value, only needed when value rules exist; never stored. */
  readonly valueFor?: (finding: PolicyFinding) => string | undefined;
  /** The gateway's keyed hash, the same one `rememberRule` callers used to build `valueHash`. */
  readonly hash?: (value: string) => string;
}

export interface FindingDecision {
  readonly finding: PolicyFinding;
  readonly action: Action;
  readonly rule: Rule;
}

export interface ExchangeDecision {
  /** block > confirm > redact > allow over all findings; `allow` when there are none. */
  readonly action: Action;
  readonly decisions: readonly FindingDecision[];
  /** Findings whose own action is `confirm`: what a held confirmation asks about. */
  readonly toConfirm: readonly FindingDecision[];
  /** `once` rules that decided something here; the caller deletes them (one exchange = one use). */
  readonly usedOnceRuleIds: readonly string[];
}

export function decideFinding(policy: Policy, input: EvaluateInput, finding: PolicyFinding): FindingDecision {
  let memo: { hash: string | undefined } | undefined;
  const valueHash = (): string | undefined => {
    if (memo === undefined) {
      const value = input.valueFor?.(finding);
      memo = { hash: value === undefined || input.hash === undefined ? undefined : input.hash(value) };
    }
    return memo.hash;
  };
  for (const rule of policy.ordered) {
    if (isLive(rule, input.now, input.sessionId) && matches(rule.match, finding, input.ctx, valueHash)) {
      return { finding, action: rule.action, rule };
    }
  }
  // Unreachable with a preset's catch-all in `ordered`; kept so a hand-built Policy still fails safe.
  return { finding, action: 'confirm', rule: FALLBACK };
}

const FALLBACK: Rule = {
  id: 'fallback:confirm', match: {}, action: 'confirm', lifetime: { kind: 'always' }, createdAt: 0, source: 'preset',
};

export function evaluate(policy: Policy, input: EvaluateInput): ExchangeDecision {
  return summarize(input.findings.map((finding) => decideFinding(policy, input, finding)));
}

/** The exchange's action and the `once` rules used, from its findings' decisions. */
export function summarize(decisions: FindingDecision[]): ExchangeDecision {
  let action: Action = 'allow';
  const used = new Set<string>();
  for (const d of decisions) {
    action = strongerAction(action, d.action);
    if (d.rule.lifetime.kind === 'once') used.add(d.rule.id);
  }
  return {
    action,
    decisions,
    toConfirm: decisions.filter((d) => d.action === 'confirm'),
    usedOnceRuleIds: [...used],
  };
}
