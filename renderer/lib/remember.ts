import type { Remember } from './contract-values.js';

/** How the dashboard offers "remember this decision": scope × a human lifetime. */
export type ScopeChoice = '' | Remember['scope'];
export type LifetimeChoice = 'once' | 'hour' | 'day' | 'restart' | 'always';

export const SCOPE_LABEL: Record<ScopeChoice, string> = {
  '': 'Just this request',
  value: 'This exact value',
  category: 'This kind of finding',
  app: 'Everything from this app',
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
