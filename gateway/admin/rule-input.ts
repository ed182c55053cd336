import { parseRule, type Lifetime, type Rule } from '../policy/rule.js';
import type { RuleInput } from './contract.js';
import { badRequest } from './validation.js';

export interface RuleStamp {
  id: string;
  createdAt: number;
  now: number;
  /** The current gateway run, stamped on "until restart" rules. */
  sessionId: string;
  /** The policy's keyed hash: a value rule keeps only this of its value. */
  hash: (value: string) => string;
}

function lifetimeOf(input: RuleInput['lifetime'], stamp: RuleStamp): Lifetime {
  switch (input.kind) {
    case 'until':
      if (input.until <= stamp.now) throw badRequest('lifetime.until', 'must be in the future');
      return { kind: 'until', until: input.until };
    case 'session':
      return { kind: 'session', sessionId: stamp.sessionId };
    default:
      return { kind: input.kind };
  }
}

/**
 * A user's rule as the policy stores it: id, time and source set here, a `session` lifetime bound
 * to this run, and a plain `match.value` replaced by its keyed hash, so the value is kept nowhere.
 */
export function ruleFromInput(input: RuleInput, stamp: RuleStamp): Rule {
  const { value, ...match } = input.match;
  if (value !== undefined) {
    if (match.valueHash !== undefined) throw badRequest('match.value', 'send either value or valueHash, not both');
    match.valueHash = stamp.hash(value);
  }
  const rule: Rule = { id: stamp.id, match, action: input.action, lifetime: lifetimeOf(input.lifetime, stamp), createdAt: stamp.createdAt, source: 'user' };
  if (input.note !== undefined) rule.note = input.note;
  try {
    return parseRule(rule);
  } catch (err) {
    throw badRequest('rule', (err as Error).message);
  }
}
