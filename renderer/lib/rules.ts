import { DISABLED_TEXT, disabledScope } from '../../gateway/policy/broad-allow.js';
import { nearestName } from '../../gateway/policy/nearest-name.js';
import type { RuleChoices, RuleInput, RuleLifetime, RuleMatch, RuleView } from './contract-values.js';
import { formatDateTime } from './format.js';

/** A rule's match as chips: [what, value]. A value rule shows that it is hashed, never a value. */
export function describeMatch(match: RuleMatch): [string, string][] {
  const out: [string, string][] = [];
  if (match.category) out.push(['category', match.category]);
  if (match.detector) out.push(['detector', match.detector]);
  if (match.valueHash) out.push(['value', 'one exact value (hashed)']);
  if (match.app) out.push(['app', match.app]);
  if (match.clientKeyId) out.push(['client key', match.clientKeyId]);
  if (match.provider) out.push(['provider', match.provider]);
  if (match.model) out.push(['model', match.model]);
  if (match.route) out.push(['route', match.route]);
  if (match.fieldKind) out.push(['in', match.fieldKind]);
  if (match.untrusted !== undefined) out.push(['source', match.untrusted ? 'untrusted input' : 'user-written text']);
  return out;
}

export function lifetimeText(l: RuleLifetime, now: number): string {
  switch (l.kind) {
    case 'always':
      return 'Always';
    case 'once':
      return 'Next use only';
    case 'session':
      return 'Until restart';
    case 'until':
      return l.until <= now ? `Expired ${formatDateTime(l.until)}` : `Until ${formatDateTime(l.until)}`;
  }
}

export interface RuleDraft {
  category: string;
  detector: string;
  /** A new exact value to match (sent once, stored hashed); empty keeps `valueHash`. */
  value: string;
  valueHash: string;
  app: string;
  /** A client key's id (`ck_…`): a per-client rule. */
  clientKeyId: string;
  provider: string;
  model: string;
  route: string;
  fieldKind: string;
  untrusted: '' | 'yes' | 'no';
  /** Empty until the user picks one: the editor has no default action. */
  action: RuleInput['action'] | '';
  /** The user ticked the statement of what a broad allow rule turns off. */
  broadAllowConfirmed: boolean;
  lifetime: 'always' | 'until' | 'once' | 'session';
  /** datetime-local text, for `until`. */
  until: string;
  note: string;
}

const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

export function emptyDraft(now: number): RuleDraft {
  return {
    category: '', detector: '', value: '', valueHash: '', app: '', clientKeyId: '', provider: '', model: '', route: '', fieldKind: '', untrusted: '',
    action: '', broadAllowConfirmed: false, lifetime: 'always', until: localInput(now + 24 * 3_600_000), note: '',
  };
}

export function draftFromRule(rule: RuleView, now: number): RuleDraft {
  const m = rule.match;
  return {
    ...emptyDraft(now),
    category: m.category ?? '', detector: m.detector ?? '', valueHash: m.valueHash ?? '', app: m.app ?? '', clientKeyId: m.clientKeyId ?? '', provider: m.provider ?? '',
    model: m.model ?? '', route: m.route ?? '', fieldKind: m.fieldKind ?? '',
    untrusted: m.untrusted === undefined ? '' : m.untrusted ? 'yes' : 'no',
    action: rule.action,
    broadAllowConfirmed: broadAllowScope(rule.action, rule.match) !== undefined,
    lifetime: rule.lifetime.kind,
    until: rule.lifetime.kind === 'until' ? localInput(rule.lifetime.until) : emptyDraft(now).until,
    note: rule.note ?? '',
  };
}

/**
 * A detector the gateway does not have, said with the nearest known id; a detector of another category
 * than the one chosen. The gateway refuses both as well (GW_ERR_RULE_UNKNOWN_DETECTOR / _NEVER_MATCHES).
 */
export function detectorProblem(d: Pick<RuleDraft, 'detector' | 'category'>, choices: RuleChoices | undefined): string | undefined {
  const id = d.detector.trim();
  if (!id || !choices) return undefined;
  const known = choices.detectors.find((k) => k.id === id);
  if (known === undefined) {
    const near = nearestName(id, choices.detectors.map((k) => k.id));
    return `No detector "${id}"${near ? `. Did you mean ${near}?` : '. Pick one from the list.'}`;
  }
  if (d.category && d.category !== known.category) return `${id} finds ${known.category}, not ${d.category}: this rule could never match`;
  return undefined;
}

/** An app no request has come from yet: allowed (a new tool may appear), but said, since an exact typo never matches. */
export function appNotice(app: string, choices: RuleChoices | undefined): string | undefined {
  const name = app.trim();
  if (!name || !choices || choices.apps.includes(name)) return undefined;
  const near = choices.apps.find((a) => a.toLowerCase() === name.toLowerCase()) ?? nearestName(name, choices.apps);
  return `No request from "${name}" yet${near ? `; did you mean ${near}?` : ''}. Apps match exactly.`;
}

/** Client-side checks mirroring RuleSchema: lengths, known detectors, and an `until` in the future. */
export function checkDraft(d: RuleDraft, now: number, choices?: RuleChoices): Record<string, string | undefined> {
  const long = (v: string, max: number) => (v.trim().length > max ? `At most ${max} characters` : undefined);
  const until = Date.parse(d.until);
  return {
    detector: long(d.detector, 200) ?? detectorProblem(d, choices), app: long(d.app, 200), clientKeyId: long(d.clientKeyId, 200), model: long(d.model, 200), route: long(d.route, 500), note: long(d.note, 2000),
    value: long(d.value, 10_000),
    action: d.action === '' ? 'Choose what happens when a finding matches' : undefined,
    broad: broadAllowScope(d.action, ruleFromDraft(d).match) !== undefined && !d.broadAllowConfirmed ? 'Confirm that this rule turns protection off' : undefined,
    until: d.lifetime !== 'until' ? undefined : !Number.isFinite(until) ? 'Pick a date and time' : until <= now ? 'Must be in the future' : undefined,
  };
}

export function ruleFromDraft(d: RuleDraft): RuleInput {
  const match: RuleInput['match'] = {};
  const t = (v: string) => v.trim();
  if (d.category) match.category = d.category as RuleMatch['category'];
  if (t(d.detector)) match.detector = t(d.detector);
  if (d.value) match.value = d.value;
  else if (d.valueHash) match.valueHash = d.valueHash;
  if (t(d.app)) match.app = t(d.app);
  if (t(d.clientKeyId)) match.clientKeyId = t(d.clientKeyId);
  if (d.provider) match.provider = d.provider as RuleMatch['provider'];
  if (t(d.model)) match.model = t(d.model);
  if (t(d.route)) match.route = t(d.route);
  if (d.fieldKind) match.fieldKind = d.fieldKind as RuleMatch['fieldKind'];
  if (d.untrusted) match.untrusted = d.untrusted === 'yes';
  const lifetime: RuleInput['lifetime'] = d.lifetime === 'until' ? { kind: 'until', until: Date.parse(d.until) } : { kind: d.lifetime };
  return { match, action: d.action === '' ? 'redact' : d.action, lifetime, ...(t(d.note) ? { note: t(d.note) } : {}) };
}

/**
 * What an allow rule lets through unredacted when it is broad: it names no detector and no single
 * value, so it covers every finding (or every one of a category). Undefined for narrow rules, other
 * actions, and the categories that are only recorded anyway (injection, response). The gateway
 * decides the same (policy/broad-allow.ts) and asks for `confirmDisables`.
 */
export function broadAllowScope(action: string, match: RuleMatch & { value?: string }): string | undefined {
  const scope = disabledScope(action as RuleInput['action'] | '', match);
  if (scope === undefined) return undefined;
  const narrowed = [match.app && `from ${match.app}`, match.clientKeyId && `for key ${match.clientKeyId}`, match.provider && `to ${match.provider}`, match.model && `for ${match.model}`, match.route && `on ${match.route}`,
    match.fieldKind && `in ${match.fieldKind}`, match.untrusted !== undefined && (match.untrusted ? 'in untrusted input' : 'in text the user wrote')].filter(Boolean);
  return `${DISABLED_TEXT[scope]}${narrowed.length > 0 ? ` ${narrowed.join(' ')}` : ', from every app'}`;
}

/** The body that saves `input`, with the confirmation a broad allow rule needs (the user ticked it). */
export function withConfirmation(input: RuleInput): RuleInput {
  const scope = disabledScope(input.action, input.match);
  return scope === undefined ? input : { ...input, confirmDisables: scope };
}

/** A deleted rule as the body that brings it back: same id, creation time, source, match and lifetime. */
export function restoreInput(rule: RuleView): RuleInput {
  const lifetime: RuleInput['lifetime'] = rule.lifetime.kind === 'session' ? { kind: 'session' } : rule.lifetime;
  return withConfirmation({
    match: { ...rule.match }, action: rule.action, lifetime, ...(rule.note !== undefined && { note: rule.note }),
    restore: { id: rule.id, createdAt: rule.createdAt, source: rule.source === 'remembered' ? 'remembered' : 'user' },
  });
}

/** "12 hits, last 3 min ago" for the Rules table. */
export function hitsText(rule: Pick<RuleView, 'hits' | 'lastHitAt'>, now: number): { count: string; last: string } {
  const count = rule.hits === 0 ? 'No matches yet' : `${rule.hits.toLocaleString('en')} ${rule.hits === 1 ? 'hit' : 'hits'}`;
  if (rule.lastHitAt === undefined) return { count, last: '' };
  const ago = Math.max(0, now - rule.lastHitAt);
  const last = ago < 60_000 ? 'just now' : ago < 3_600_000 ? `${Math.floor(ago / 60_000)} min ago` : ago < 86_400_000 ? `${Math.floor(ago / 3_600_000)} h ago` : formatDateTime(rule.lastHitAt);
  return { count, last: `last ${last}` };
}

/** Active user rules that let findings through unredacted, with what each covers, for the banner. */
export function unredactedRules(rules: readonly RuleView[], now: number): { rule: RuleView; scope: string }[] {
  return rules.flatMap((rule) => {
    if (rule.source === 'preset' || (rule.lifetime.kind === 'until' && rule.lifetime.until <= now)) return [];
    const scope = broadAllowScope(rule.action, rule.match);
    return scope === undefined ? [] : [{ rule, scope }];
  });
}
