import { DETECTOR_CATEGORIES, type DetectorCategory } from '../shared/finding-lists.js';
import type { Action, RuleMatch } from './rule-schema.js';

/**
 * Whether a rule turns protection off wholesale: it allows findings through unredacted without naming
 * a detector or a value, so it covers every finding, or every finding of a redacted category. The
 * admin API asks for `confirmDisables` equal to this before saving such a rule, and the dashboard
 * states it. Injection and response findings are only ever recorded or held, never redacted, so an
 * allow over them disables nothing this check is about. Pure; shared with the dashboard.
 */
export type DisabledScope = 'all' | DetectorCategory;

export const DISABLED_SCOPES: readonly DisabledScope[] = ['all', ...DETECTOR_CATEGORIES];

export const DISABLED_TEXT: Readonly<Record<DisabledScope, string>> = {
  all: 'every finding (secrets, personal data, custom terms)',
  pii: 'all personal data',
  secret: 'every secret',
  custom: 'every custom term',
  name: 'every personal name',
};

export function disabledScope(action: Action | '', match: RuleMatch & { value?: string }): DisabledScope | undefined {
  if (action !== 'allow' || match.detector || match.value || match.valueHash) return undefined;
  if (match.category === undefined) return 'all';
  return (DISABLED_SCOPES as readonly string[]).includes(match.category) ? (match.category as DisabledScope) : undefined;
}
