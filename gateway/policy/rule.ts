import { TypeCompiler } from '@sinclair/typebox/compiler';
import { RuleSchema, type Action, type Rule } from './rule-schema.js';

export * from './rule-schema.js';

/** Rule validation and helpers; the schemas themselves live in rule-schema.ts (TypeBox only). */
/** Stronger actions win when findings combine and when equally specific rules tie. */
export const ACTION_SEVERITY: Readonly<Record<Action, number>> = { allow: 0, redact: 1, confirm: 2, block: 3 };

export const strongerAction = (a: Action, b: Action): Action => (ACTION_SEVERITY[b] > ACTION_SEVERITY[a] ? b : a);

const ruleCheck = TypeCompiler.Compile(RuleSchema);

export const isRule = (value: unknown): value is Rule => ruleCheck.Check(value);

/** Validates a rule read from JSON (store, admin API); throws with the first schema error. */
export function parseRule(value: unknown): Rule {
  if (ruleCheck.Check(value)) return value;
  const first = ruleCheck.Errors(value).First();
  throw new TypeError(`invalid rule: ${first ? `${first.path || '/'} ${first.message}` : 'schema mismatch'}`);
}

/** When the store may forget the rule on its own (`RuleRecord.expiresAt`); other lifetimes never expire by time. */
export const ruleExpiresAt = (rule: Rule): number | undefined => (rule.lifetime.kind === 'until' ? rule.lifetime.until : undefined);
