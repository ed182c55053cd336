/**
 * Values the dashboard needs from the admin contract at run time (select options, labels). The
 * contract is imported as types only. Presets, finding categories and field kinds come from their one
 * list in gateway/shared, which the contract's schemas are built from too; the lists still restated
 * here are checked against the contract's type in both directions: a value added there fails to
 * compile here.
 */
import type { AuditDecision, ConfirmDecision, Rule } from '../../gateway/admin/contract.js';

export { FIELD_KINDS, FINDING_CATEGORIES as RULE_CATEGORIES } from '../../gateway/shared/finding-lists.js';
export { PRESET_NAMES as PRESETS } from '../../gateway/shared/presets.js';

export type {
  ConfirmDecision as Decision, PresetName, Remember, ListedRule as RuleView, RuleChoices, RuleInput, RuleLifetime, RuleMatch, RulesView as RulesResponse,
} from '../../gateway/admin/contract.js';

/** `true` only when `Listed` names exactly the members of `All`. */
type Exactly<All, Listed> = [Exclude<All, Listed>, Exclude<Listed, All>] extends [never, never] ? true : never;
const exactly = <All, Listed>(ok: Exactly<All, Listed>): Exactly<All, Listed> => ok;

type RuleAction = Rule['action'];

export const DECISIONS = ['forwarded', 'redacted', 'blocked', 'held', 'approved', 'denied', 'timed_out'] as const;
export const CONFIRM_DECISIONS = ['approve_redacted', 'approve_original', 'deny'] as const;
export const RULE_ACTIONS = ['allow', 'redact', 'confirm', 'block'] as const;

exactly<AuditDecision, (typeof DECISIONS)[number]>(true);
exactly<ConfirmDecision, (typeof CONFIRM_DECISIONS)[number]>(true);
exactly<RuleAction, (typeof RULE_ACTIONS)[number]>(true);
