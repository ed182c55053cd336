import { useEffect, useState, type ReactNode } from 'react';
import { DEFAULT_PROVIDERS } from '../../../gateway/shared/shape.js';
import { FIELD_KINDS, RULE_ACTIONS, RULE_CATEGORIES, type RuleChoices, type RuleInput, type RuleView } from '../../lib/contract-values.js';
import { useApi } from '../../hooks/useApi.js';
import type { RuleSave } from '../../hooks/useRules.js';
import { appNotice, broadAllowScope, checkDraft, detectorProblem, draftFromRule, emptyDraft, ruleFromDraft, withConfirmation, type RuleDraft } from '../../lib/rules.js';

interface Props {
  rule: RuleView | undefined;
  onSave: (input: RuleInput) => Promise<RuleSave>;
  onCancel: () => void;
  /** Configured provider names a rule may name. */
  providers?: readonly string[];
}

const ACTION_TEXT = { allow: 'allow (send unredacted)', redact: 'redact', confirm: 'confirm (ask me)', block: 'block' } as const;

export function RuleEditor({ rule, onSave, onCancel, providers = DEFAULT_PROVIDERS }: Props) {
  const [d, setD] = useState<RuleDraft>(() => (rule ? draftFromRule(rule, Date.now()) : emptyDraft(Date.now())));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  // Any change to what the rule matches or does asks for the broad-allow confirmation again.
  const set = (patch: Partial<RuleDraft>) => setD((x) => ({ ...x, broadAllowConfirmed: false, ...patch }));
  const broad = broadAllowScope(d.action, ruleFromDraft(d).match);
  // Known detectors and apps, for the pickers and for checking typed text before the gateway does.
  const api = useApi();
  const [choices, setChoices] = useState<RuleChoices>();
  useEffect(() => void api.ruleChoices().then(setChoices, () => undefined), [api]);
  const detectorHint = choices && d.category ? `${choices.detectors.filter((k) => k.category === d.category).length} ${d.category} detectors` : 'Pick from the list or type an id';

  const submit = async () => {
    const local = checkDraft(d, Date.now(), choices);
    setErrors(local);
    if (Object.values(local).some(Boolean)) return;
    const input = ruleFromDraft(d);
    const res = await onSave(d.broadAllowConfirmed ? withConfirmation(input) : input);
    if (!res.ok) setErrors(res.errors);
  };

  const text = (key: 'detector' | 'app' | 'clientKeyId' | 'model' | 'route', label: string, placeholder: string, list?: { id: string; hint?: string }) => (
    <Field id={`rule-${key}`} label={label} error={errors[key]} hint={list?.hint}>
      <input
        id={`rule-${key}`} className="input" value={d[key]} onChange={(e) => set({ [key]: e.target.value })} placeholder={placeholder} aria-invalid={!!errors[key]}
        list={list?.id} autoComplete="off" data-testid={`rule-${key}`}
        onBlur={() => key === 'detector' && setErrors((x) => ({ ...x, detector: detectorProblem(d, choices) }))}
      />
    </Field>
  );

  return (
    <form className="rule-editor" onSubmit={(e) => (e.preventDefault(), void submit())} noValidate data-testid="rule-editor">
      <div className="section-title">{rule ? 'Edit rule' : 'New rule'} · match</div>
      <div className="form-grid three">
        <Field id="rule-category" label="Category">
          <select id="rule-category" className="select" value={d.category} onChange={(e) => set({ category: e.target.value })}>
            <option value="">Any</option>
            {RULE_CATEGORIES.map((c) => <option key={c}>{c}</option>)}
          </select>
        </Field>
        {text('detector', 'Detector', 'e.g. email, aws-access-key', { id: 'rule-detector-options', hint: detectorHint })}
        <datalist id="rule-detector-options">
          {choices?.detectors.filter((k) => !d.category || k.category === d.category).map((k) => (
            <option key={k.id} value={k.id}>
              {k.category}
            </option>
          ))}
        </datalist>
        <Field id="rule-value" label="Exact value" error={errors.value} hint={d.valueHash && !d.value ? 'Matches one value (stored hashed). Type to replace it.' : 'Stored only as a keyed hash.'}>
          <input id="rule-value" className="input mono" type="password" autoComplete="off" value={d.value} onChange={(e) => set({ value: e.target.value })} placeholder={d.valueHash ? '•••••• (hashed)' : 'optional'} />
        </Field>
        {text('app', 'App', 'e.g. claude-code', { id: 'rule-app-options', hint: appNotice(d.app, choices) ?? (choices ? `${choices.apps.length} apps seen or keyed` : undefined) })}
        <datalist id="rule-app-options">
          {choices?.apps.map((a) => <option key={a} value={a} />)}
        </datalist>
        {text('clientKeyId', 'Client key id', 'ck_… (Settings → Client keys)')}
        <Field id="rule-provider" label="Provider">
          <select id="rule-provider" className="select" value={d.provider} onChange={(e) => set({ provider: e.target.value })}>
            <option value="">Any</option>
            {/* A rule kept for a provider since removed from the config still shows its name. */}
            {[...new Set([...providers, ...(d.provider ? [d.provider] : [])])].map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </Field>
        {text('model', 'Model', 'exact, e.g. gpt-4.1')}
        {text('route', 'Route', 'e.g. /v1/chat/completions')}
        <Field id="rule-field" label="Where">
          <select id="rule-field" className="select" value={d.fieldKind} onChange={(e) => set({ fieldKind: e.target.value })}>
            <option value="">Anywhere</option>
            {FIELD_KINDS.map((k) => <option key={k}>{k}</option>)}
          </select>
        </Field>
        <Field id="rule-untrusted" label="Text source">
          <select id="rule-untrusted" className="select" value={d.untrusted} onChange={(e) => set({ untrusted: e.target.value as RuleDraft['untrusted'] })}>
            <option value="">Any</option>
            <option value="yes">Untrusted (tool results, documents)</option>
            <option value="no">Written by the user</option>
          </select>
        </Field>
      </div>
      <div className="section-title">Then</div>
      <div className="form-grid three">
        <Field id="rule-action" label="Action" error={errors.action}>
          <select
            id="rule-action" className="select" value={d.action} onChange={(e) => set({ action: e.target.value as RuleDraft['action'] })} data-testid="rule-action"
            aria-invalid={!!errors.action} required
          >
            <option value="" disabled>Choose an action…</option>
            {RULE_ACTIONS.map((a) => <option key={a} value={a}>{ACTION_TEXT[a]}</option>)}
          </select>
        </Field>
        <Field id="rule-lifetime" label="Lifetime">
          <select id="rule-lifetime" className="select" value={d.lifetime} onChange={(e) => set({ lifetime: e.target.value as RuleDraft['lifetime'] })}>
            <option value="always">Always</option>
            <option value="until">Until a date</option>
            <option value="once">Next use only</option>
            <option value="session">Until the gateway restarts</option>
          </select>
        </Field>
        {d.lifetime === 'until' && (
          <Field id="rule-until" label="Expires" error={errors.until}>
            <input id="rule-until" className="input" type="datetime-local" value={d.until} onChange={(e) => set({ until: e.target.value })} aria-invalid={!!errors.until} />
          </Field>
        )}
      </div>
      <Field id="rule-note" label="Note" error={errors.note}>
        <input id="rule-note" className="input" value={d.note} onChange={(e) => set({ note: e.target.value })} placeholder="why this rule exists (optional)" />
      </Field>
      {broad && (
        <div className="callout danger" role="alert" data-testid="broad-allow">
          <p className="strong">This rule turns protection off for {broad}.</p>
          <p>
            Matching findings go to the provider as written: no redaction, no question, no block. Preset rules that ask about private keys and cloud
            credentials no longer apply to them.
          </p>
          <label className="check">
            <input type="checkbox" checked={d.broadAllowConfirmed} onChange={(e) => setD((x) => ({ ...x, broadAllowConfirmed: e.target.checked }))} data-testid="broad-allow-confirm" />
            I understand: send {broad} unredacted
          </label>
          {errors.broad && <span className="error">{errors.broad}</span>}
        </div>
      )}
      {errors.form && <div className="form-error">{errors.form}</div>}
      <div className="row end">
        <button type="button" className="btn ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn primary" data-testid="save-rule">
          {rule ? 'Save rule' : 'Add rule'}
        </button>
      </div>
    </form>
  );
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? <span className="error">{error}</span> : hint && <span className="hint">{hint}</span>}
    </div>
  );
}
