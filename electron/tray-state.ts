import { DISABLED_TEXT, disabledScope } from '../gateway/policy/broad-allow.js';
import { isLive } from '../gateway/policy/precedence.js';
import type { Rule } from '../gateway/policy/rule.js';

/**
 * What the tray icon says, from what main knows about the gateway. Errors win over pending items:
 * a gateway that is not running protects nothing, however many items were waiting.
 */
export interface GatewayFacts {
  /** Set when the gateway failed to start; it is not running. */
  readonly startError?: string;
  /** The store reported a failure (audit flush, retention); requests may be refused. */
  readonly storeError?: string;
  /** The listener closed without us asking: tools cannot reach the gateway. */
  readonly listenerDown?: boolean;
  /** Items waiting for a decision. */
  readonly pending: number;
  /** The listening base URL, once known. */
  readonly url?: string;
  /** Keys at rest are weaker than they should be (no OS keychain); shown, not an error. */
  readonly keyWarning?: string;
  /** What live rules let through unredacted ("every secret, from every app"): a quiet mode, shown amber. */
  readonly unredacted?: readonly string[];
}

export type TrayState =
  | { readonly kind: 'protecting' }
  | { readonly kind: 'pending'; readonly count: number }
  | { readonly kind: 'unprotected'; readonly scopes: readonly string[] }
  | { readonly kind: 'error'; readonly reason: string };

export function trayState(facts: GatewayFacts): TrayState {
  if (facts.startError !== undefined) return { kind: 'error', reason: `the gateway did not start: ${facts.startError}` };
  if (facts.listenerDown) return { kind: 'error', reason: 'the gateway stopped listening' };
  if (facts.storeError !== undefined) return { kind: 'error', reason: `storage failed: ${facts.storeError}` };
  if (facts.pending > 0) return { kind: 'pending', count: facts.pending };
  if (facts.unredacted !== undefined && facts.unredacted.length > 0) return { kind: 'unprotected', scopes: facts.unredacted };
  return { kind: 'protecting' };
}

export function statusLine(state: TrayState, url?: string): string {
  switch (state.kind) {
    case 'error':
      return `Error: ${state.reason}`;
    case 'pending':
      return `${state.count} waiting for your approval`;
    case 'unprotected':
      return `Protection off for ${state.scopes.join('; ')}: a rule sends them unredacted`;
    case 'protecting':
      return url ? `Protecting ${url}` : 'Protecting';
  }
}

/** Tray tooltip: product, status, and the key warning when there is one. */
export function trayTooltip(state: TrayState, facts: GatewayFacts): string {
  const lines = [`AegisGate: ${statusLine(state, facts.url)}`];
  if (facts.keyWarning) lines.push(facts.keyWarning);
  return lines.join('\n');
}

/** Audit error codes that mean the store is failing, not the exchange. */
const STORE_TROUBLE: Readonly<Record<string, string>> = {
  GW_ERR_VAULT_UNAVAILABLE: 'the vault could not be written',
  GW_ERR_AUDIT_BACKPRESSURE: 'the audit log is not keeping up',
};

/**
 * The store error an exchange's audit event reports. Any other outcome clears it: the store served
 * that exchange, so the trouble has passed.
 */
export function storeErrorFrom(errorCode: string | undefined): string | undefined {
  return errorCode !== undefined && Object.hasOwn(STORE_TROUBLE, errorCode) ? STORE_TROUBLE[errorCode] : undefined;
}

/**
 * What the live user rules let through unredacted, as the dashboard's banner says it ("every secret,
 * from cursor"): an allow rule with no detector and no value. Empty when protection is whole.
 */
export function unredactedScopes(rules: readonly Rule[], now: number, sessionId: string): string[] {
  return rules.flatMap((rule) => {
    const scope = rule.source === 'preset' || !isLive(rule, now, sessionId) ? undefined : disabledScope(rule.action, rule.match);
    return scope === undefined ? [] : [`${DISABLED_TEXT[scope]}${rule.match.app ? ` from ${rule.match.app}` : ''}`];
  });
}
