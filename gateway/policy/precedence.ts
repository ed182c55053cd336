import type { ExchangeContext, PolicyFinding } from './finding.js';
import { ACTION_SEVERITY, type Rule, type RuleMatch } from './rule.js';

/**
 * Which rule decides, when several match. Rules are sorted once, at compile time, so evaluation takes
 * the first live rule that matches. The order (documented in docs/policy.md):
 *   1. tier: the user's rules (user, remembered) before preset rules;
 *   2. what the rule names: value > detector > category > nothing (bits 4 / 2 / 1, compared as a number);
 *   3. narrowing: how many of app, clientKeyId, provider, model, route, fieldKind, untrusted it pins;
 *   4. severity: block > confirm > redact > allow (a block and an allow that tie → block);
 *   5. newer createdAt first, then id, so the order is total and deterministic.
 */

const NARROWING_KEYS = ['app', 'clientKeyId', 'provider', 'model', 'route', 'fieldKind', 'untrusted'] as const;

export interface Specificity {
  readonly what: number;
  readonly narrowing: number;
}

export function specificity(match: RuleMatch): Specificity {
  const what = (match.valueHash !== undefined ? 4 : 0) + (match.detector !== undefined ? 2 : 0) + (match.category !== undefined ? 1 : 0);
  let narrowing = 0;
  for (const key of NARROWING_KEYS) if (match[key] !== undefined) narrowing += 1;
  return { what, narrowing };
}

const tier = (rule: Rule): number => (rule.source === 'preset' ? 1 : 0);

/** Negative when `a` takes precedence over `b`. */
export function compareRules(a: Rule, b: Rule): number {
  const sa = specificity(a.match);
  const sb = specificity(b.match);
  return (
    tier(a) - tier(b) ||
    sb.what - sa.what ||
    sb.narrowing - sa.narrowing ||
    ACTION_SEVERITY[b.action] - ACTION_SEVERITY[a.action] ||
    b.createdAt - a.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Expired `until` rules and other sessions' `session` rules are ignored, never an error. */
export function isLive(rule: Rule, now: number, sessionId: string): boolean {
  switch (rule.lifetime.kind) {
    case 'until':
      return now < rule.lifetime.until;
    case 'session':
      return rule.lifetime.sessionId === sessionId;
    case 'once':
    case 'always':
      return true;
  }
}

/**
 * Every field the rule names must equal the finding's or exchange's; an absent field matches anything.
 * `valueHash` is a thunk so the keyed hash is computed only when a value rule is actually consulted.
 */
export function matches(
  match: RuleMatch,
  finding: PolicyFinding,
  ctx: ExchangeContext,
  valueHash: () => string | undefined,
): boolean {
  if (match.category !== undefined && match.category !== finding.category) return false;
  if (match.detector !== undefined && match.detector !== finding.detector) return false;
  if (match.app !== undefined && match.app !== ctx.app) return false;
  if (match.clientKeyId !== undefined && match.clientKeyId !== ctx.clientKeyId) return false;
  if (match.provider !== undefined && match.provider !== ctx.provider) return false;
  if (match.model !== undefined && match.model !== ctx.model) return false;
  if (match.route !== undefined && match.route !== ctx.route) return false;
  if (match.fieldKind !== undefined && match.fieldKind !== finding.field.fieldKind) return false;
  if (match.untrusted !== undefined && match.untrusted !== finding.field.untrusted) return false;
  if (match.valueHash !== undefined && match.valueHash !== valueHash()) return false;
  return true;
}
