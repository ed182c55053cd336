import type { Remember } from './contract-values.js';

/** How the dashboard offers "remember this decision": scope × a human lifetime. */
export type ScopeChoice = '' | Remember['scope'];
export type LifetimeChoice = 'once' | 'hour' | 'day' | 'restart' | 'always';

export const SCOPE_LABEL: Record<ScopeChoice, string> = {
  '': 'Just this request',
  value: 'This exact value',
  category: 'This kind of finding, from any app',
  app: 'This kind of finding, from this app',
};

export const LIFETIME_LABEL: Record<LifetimeChoice, string> = {
  once: 'For the next request too',
  hour: 'For 1 hour',
  day: 'For 24 hours',
  restart: 'Until the gateway restarts',
  always: 'Always',
};

export interface RememberChoice {
  scope: ScopeChoice;
  lifetime: LifetimeChoice;
}

export const DEFAULT_REMEMBER: RememberChoice = { scope: '', lifetime: 'hour' };

const HOUR = 3_600_000;

/** The decision body's `remember`, or undefined for "just this request". */
export function toRemember(choice: RememberChoice, now: number): Remember | undefined {
  if (choice.scope === '') return undefined;
  switch (choice.lifetime) {
    case 'hour':
      return { scope: choice.scope, lifetime: 'until', until: now + HOUR };
    case 'day':
      return { scope: choice.scope, lifetime: 'until', until: now + 24 * HOUR };
    default:
      return { scope: choice.scope, lifetime: choice.lifetime };
  }
}

/**
 * The rules "remember" will create, stated before the user decides: one per detector that asked
 * (so two kinds of finding make two rules), scoped as chosen. The action follows the button pressed.
 */
export function rememberPreview(choice: RememberChoice, detectors: readonly string[], app: string): string | undefined {
  if (choice.scope === '') return undefined;
  const kinds = [...new Set(detectors)];
  const what = choice.scope === 'value' ? `this exact value${kinds.length > 1 ? 's' : ''} (${kinds.join(', ')})` : kinds.join(', ');
  const where = choice.scope === 'app' ? ` from ${app}` : ' from any app';
  const rules = choice.scope === 'value' ? 'rule per value' : kinds.length === 1 ? 'rule' : 'rules, one per kind';
  return `Also creates ${kinds.length === 1 || choice.scope === 'value' ? 'a' : kinds.length} ${rules}: ${what}${where}, ${LIFETIME_LABEL[choice.lifetime].toLowerCase()}. Send redacted makes it redact, Send original allow, Deny block.`;
}
