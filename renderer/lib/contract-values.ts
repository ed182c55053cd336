/**
 * Values the dashboard needs from the admin contract at run time (select options, labels). The
 * contract is imported as types only, so the lists are restated here, and each is checked against
 * the contract's type in both directions: a value added there fails to compile here.
 */
import type { AuditDecision, ConfirmDecision, PresetName, Rule, RuleMatch } from '../../gateway/admin/contract.js';

export type {
  ConfirmDecision as Decision, PresetName, Remember, ListedRule as RuleView, RuleChoices, RuleInput, RuleLifetime, RuleMatch, RulesView as RulesResponse,
} from '../../gateway/admin/contract.js';

/** `true` only when `Listed` names exactly the members of `All`. */
type Exactly<All, Listed> = [Exclude<All, Listed>, Exclude<Listed, All>] extends [never, never] ? true : never;
const exactly = <All, Listed>(ok: Exactly<All, Listed>): Exactly<All, Listed> => ok;

type RuleAction = Rule['action'];

export const DECISIONS = ['forwarded', 'redacted', 'blocked', 'held', 'approved', 'denied', 'timed_out'] as const;
export const CONFIRM_DECISIONS = ['approve_redacted', 'approve_original', 'deny'] as const;
export const PRESETS = ['permissive', 'balanced', 'strict'] as const;
export const RULE_ACTIONS = ['allow', 'redact', 'confirm', 'block'] as const;
export const RULE_CATEGORIES = ['pii', 'secret', 'custom', 'injection', 'response', 'name'] as const;
export const FIELD_KINDS = ['message', 'system', 'tool_result', 'tool_args', 'document', 'tool_definition'] as const;

exactly<AuditDecision, (typeof DECISIONS)[number]>(true);
exactly<ConfirmDecision, (typeof CONFIRM_DECISIONS)[number]>(true);
exactly<PresetName, (typeof PRESETS)[number]>(true);
exactly<RuleAction, (typeof RULE_ACTIONS)[number]>(true);
exactly<NonNullable<RuleMatch['category']>, (typeof RULE_CATEGORIES)[number]>(true);
exactly<NonNullable<RuleMatch['fieldKind']>, (typeof FIELD_KINDS)[number]>(true);
