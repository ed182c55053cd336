import type { Remember } from './contract-values.js';

/** How the dashboard offers "remember this decision": scope × a human lifetime. */
export type ScopeChoice = '' | Remember['scope'];
export type LifetimeChoice = 'once' | 'hour' | 'day' | 'restart' | 'always';

export const SCOPE_LABEL: Record<ScopeChoice, string> = {
  '': 'Just this request',
  value: 'This exact value',
  category: 'This kind of finding, from any app',
  app: 'This kind of finding, from this app',
  everything: 'Everything from this app',
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

/** A finding as the card knows it: enough to say which rule it makes. */
export interface RememberFinding {
  category: string;
  detector: string;
}

/**
 * The rules "remember" will create, one line each, as the gateway makes them (rememberer in gateway/request/hold.ts): one
 * per kind of finding (category scopes), one per value, or one for the whole app.
 */
export function rememberRules(scope: Remember['scope'], findings: readonly RememberFinding[], app: string): string[] {
  const kinds = [...new Map(findings.map((f) => [`${f.category}:${f.detector}`, f])).values()];
  switch (scope) {
    case 'everything':
      return [`every finding from ${app}, of any kind`];
    case 'value':
      // One per finding: the same value found twice is one rule on the gateway, which the card cannot see.
      return findings.map((f) => `this exact ${f.detector} value (${f.category}), from any app`);
    case 'category':
      return kinds.map((f) => `${f.detector} findings (${f.category}), from any app`);
    case 'app':
      return kinds.map((f) => `${f.detector} findings (${f.category}), from ${app}`);
  }
}

export interface RememberPreview {
  /** "Remembering creates 2 rules, for 1 hour:" */
  head: string;
  rules: string[];
  /** What each button makes of them. */
  actions: string;
}

/** What remembering will create, stated before the user decides; undefined for "just this request". */
export function rememberPreview(choice: RememberChoice, findings: readonly RememberFinding[], app: string, stage: 'request' | 'response' = 'request'): RememberPreview | undefined {
  if (choice.scope === '') return undefined;
  const rules = rememberRules(choice.scope, findings, app);
  const head = `Remembering creates ${rules.length === 1 ? 'one rule' : `${rules.length} rules`}, ${LIFETIME_LABEL[choice.lifetime].toLowerCase()}:`;
  const actions = stage === 'request'
    ? `Send redacted makes ${rules.length === 1 ? 'it' : 'them'} redact, Send original allow (unredacted, no question), Deny block.`
    : `Allow makes ${rules.length === 1 ? 'it' : 'them'} allow such calls without asking, Refuse block them.`;
  return { head, rules, actions };
}

/** The statement a user confirms before "send original" remembers everything from an app. */
export const everythingOriginalWarning = (app: string): string =>
  `Send original and remember everything from ${app}: every finding from ${app} (secrets, personal data, names, custom terms) then goes to the provider unredacted, with no question. Continue?`;
