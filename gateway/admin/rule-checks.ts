import { GatewayError } from '../errors.js';
import { isAppName } from '../boundary/app-identity.js';
import { INJECTION_DETECTORS } from '../request/injection/scan.js';
import { RESPONSE_DETECTORS } from '../response/guard/findings.js';
import { DISABLED_TEXT, disabledScope } from '../policy/broad-allow.js';
import type { FindingCategory } from '../policy/finding.js';
import { nearestName } from '../policy/nearest-name.js';
import type { Action, RuleMatch } from '../policy/rule.js';
import { BUILTIN_DETECTORS } from '../scan/index.js';

/** A detector a rule may name, with the category its findings carry. */
export interface KnownDetector {
  id: string;
  category: FindingCategory;
}

/** Every detector id a finding can carry now: the scanner's, the guards', and one per deny term. */
export function knownDetectors(denyTerms: number): KnownDetector[] {
  return [
    ...BUILTIN_DETECTORS.map((d) => ({ id: d.id, category: d.category })),
    ...Object.values(INJECTION_DETECTORS).map((id) => ({ id, category: 'injection' as const })),
    ...Object.values(RESPONSE_DETECTORS).map((id) => ({ id, category: 'response' as const })),
    ...Array.from({ length: denyTerms }, (_, i) => ({ id: `custom:${i}`, category: 'custom' as const })),
  ];
}

export interface RuleCheckContext {
  detectors: readonly KnownDetector[];
  /** Apps of the client keys: a key's app may be any label, so these match even when not a header-safe name. */
  keyApps: readonly string[];
}

/**
 * Refuses a rule that names a detector the gateway does not have, or that can never match. Run on
 * every rule the admin API saves, before the broad-allow check.
 */
export function checkRuleMatch(match: RuleMatch, ctx: RuleCheckContext): void {
  if (match.detector !== undefined) {
    const known = ctx.detectors.find((d) => d.id === match.detector);
    if (known === undefined) {
      const near = nearestName(match.detector, ctx.detectors.map((d) => d.id));
      throw new GatewayError('GW_ERR_RULE_UNKNOWN_DETECTOR',
        `field 'match.detector': no detector "${match.detector}"${near ? `; did you mean "${near}"?` : ''} (GET /admin/rules/choices lists them)`);
    }
    if (match.category !== undefined && match.category !== known.category) {
      throw new GatewayError('GW_ERR_RULE_NEVER_MATCHES', `field 'match.category': detector "${known.id}" finds ${known.category}, not ${match.category}`);
    }
  }
  if (match.app !== undefined && !isAppName(match.app) && !ctx.keyApps.includes(match.app)) {
    const near = ctx.keyApps.find((a) => a.toLowerCase() === match.app!.toLowerCase());
    throw new GatewayError('GW_ERR_RULE_NEVER_MATCHES',
      `field 'match.app': no request can come from "${match.app}": apps are client-key apps or names of letters, digits and . _ + - (such as claude-code)${near ? `; did you mean "${near}"?` : ''}`);
  }
}

/**
 * An allow rule that turns protection off wholesale needs `confirmDisables` naming what it disables
 * (the scope `disabledScope` gives), so neither a default nor a stray click can send it.
 */
export function checkBroadAllow(action: Action, match: RuleMatch & { value?: string }, confirmDisables: string | undefined, field = 'confirmDisables'): void {
  const scope = disabledScope(action, match);
  if (scope === undefined || confirmDisables === scope) return;
  throw new GatewayError('GW_ERR_RULE_NEEDS_CONFIRMATION',
    `field '${field}': this rule sends ${DISABLED_TEXT[scope]}${match.app ? ` from ${match.app}` : ''} to the provider unredacted, with no question; send ${field}: "${scope}" to confirm`);
}
