import type { ExchangeContext, FieldContext, FindingCategory, PolicyFinding } from '../../../gateway/policy/finding.js';
import type { Action, Lifetime, Rule, RuleMatch } from '../../../gateway/policy/rule.js';

/** Builders for policy tests; a finding's value travels beside it, as the conductor would supply it. */
export const NOW = 1_750_000_000_000;
export const SESSION = 'session-A';

export const ctx = (over: Partial<ExchangeContext> = {}): ExchangeContext => ({
  app: 'claude-code', provider: 'anthropic', model: 'claude-sonnet-4', route: '/v1/messages', ...over,
});

const TRUSTED: FieldContext = { role: 'user', fieldKind: 'message', untrusted: false };
export const TOOL_RESULT: FieldContext = { role: 'tool', fieldKind: 'tool_result', untrusted: true };
export const TOOL_ARGS: FieldContext = { role: 'assistant', fieldKind: 'tool_args', untrusted: false };
export const MODEL_TEXT: FieldContext = { role: 'assistant', fieldKind: 'message', untrusted: false };

export type TestFinding = PolicyFinding & { readonly value: string };

export const finding = (
  category: FindingCategory, detector: string, value = `${detector}-value`, field: FieldContext = TRUSTED,
): TestFinding => ({ category, detector, kind: detector, start: 0, end: value.length, field, value } as TestFinding);

/** Stands in for the gateway's keyed HMAC: deterministic, and visibly not the value. */
export const hash = (value: string): string => `h(${[...value].reverse().join('')})`;
export const valueFor = (f: PolicyFinding): string | undefined => (f as Partial<TestFinding>).value;

let seq = 0;
export const userRule = (
  match: RuleMatch, action: Action, over: { lifetime?: Lifetime; createdAt?: number; id?: string; source?: Rule['source'] } = {},
): Rule => ({
  id: over.id ?? `u${++seq}`,
  match,
  action,
  lifetime: over.lifetime ?? { kind: 'always' },
  createdAt: over.createdAt ?? NOW - 1000,
  source: over.source ?? 'user',
});
