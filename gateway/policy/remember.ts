import type { ExchangeContext, PolicyFinding } from './finding.js';
import type { Action, Lifetime, Rule, RuleMatch } from './rule.js';

/**
 * Turns a user's answer to a held confirmation into a rule ("remember this"). Only user decisions come
 * here: a timeout applies its default once and must never call this.
 */
export type ConfirmDecision = 'approve_redacted' | 'approve_original' | 'deny';
export type RememberScope = 'value' | 'category' | 'app' | 'everything';
export type RememberLifetime =
  | { readonly kind: 'once' }
  | { readonly kind: 'until'; readonly until: number }
  | { readonly kind: 'session' }
  | { readonly kind: 'always' };

export interface RememberBinding {
  /** The current gateway run, stamped on `session` rules. */
  readonly sessionId: string;
  /** Keyed hash of the finding's value; required for scope `value`. */
  readonly valueHash?: string;
  /** Rule id; defaults to one derived from the rule's content and `now`. */
  readonly id?: string;
}

/**
 * Guard findings (injection, response) have nothing to redact, so either approval lets them through.
 */
function actionFor(decision: ConfirmDecision, scope: RememberScope, finding: PolicyFinding): Action {
  if (decision === 'deny') return 'block';
  if (decision === 'approve_original') return 'allow';
  // An app-wide rule covers detector findings too, so "send redacted" makes it redact them.
  if (scope === 'everything') return 'redact';
  return finding.category === 'injection' || finding.category === 'response' ? 'allow' : 'redact';
}

/**
 * value    → this exact value (by hash) in this category, from any app;
 * app      → this detector's findings, from this app only;
 * category → this detector's findings, from any app. The detector is kept so that approving one AWS key
 *            does not release every secret the gateway knows how to find.
 * everything → every finding from this app, whatever its kind: one rule `{ app }`, asked for by name.
 */
function matchFor(scope: RememberScope, finding: PolicyFinding, ctx: ExchangeContext, valueHash?: string): RuleMatch {
  switch (scope) {
    case 'value':
      if (valueHash === undefined || valueHash === '') throw new TypeError('scope "value" needs the value hash');
      return { category: finding.category, valueHash };
    case 'app':
      return { category: finding.category, detector: finding.detector, app: ctx.app };
    case 'category':
      return { category: finding.category, detector: finding.detector };
    case 'everything':
      return { app: ctx.app };
  }
}

function lifetimeFor(lifetime: RememberLifetime, now: number, sessionId: string): Lifetime {
  switch (lifetime.kind) {
    case 'session':
      return { kind: 'session', sessionId };
    case 'until':
      if (!Number.isInteger(lifetime.until) || lifetime.until <= now) throw new RangeError('"until" must be a later epoch-ms integer');
      return { kind: 'until', until: lifetime.until };
    case 'once':
    case 'always':
      return { kind: lifetime.kind };
  }
}

/** FNV-1a, only to give derived ids some spread; not a security boundary. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export function rememberRule(
  decision: ConfirmDecision,
  scope: RememberScope,
  lifetime: RememberLifetime,
  finding: PolicyFinding,
  ctx: ExchangeContext,
  now: number,
  binding: RememberBinding,
): Rule {
  const match = matchFor(scope, finding, ctx, binding.valueHash);
  const action = actionFor(decision, scope, finding);
  const life = lifetimeFor(lifetime, now, binding.sessionId);
  const id = binding.id ?? `remembered:${now.toString(36)}:${fnv1a(JSON.stringify([match, action, life]))}`;
  return { id, match, action, lifetime: life, createdAt: now, source: 'remembered', note: `${decision} (${scope})` };
}
