import { useState } from 'react';
import { Icon } from '../../components/Icon.js';
import type { useConfig } from '../../hooks/useConfig.js';
import { useToast } from '../../hooks/useToasts.js';
import { checkAllowEntry, checkDenyTerm, type DenyTermDraft } from '../../lib/validate.js';
import { DenyTermRow } from './DenyTermRow.js';

type Errors = Record<string, string | undefined>;

export function TermsSection({ config }: { config: ReturnType<typeof useConfig> }) {
  const toast = useToast();
  const scan = config.view!.config.scan;
  const [terms, setTerms] = useState<DenyTermDraft[]>(() => scan.denyTerms.map((t) => ({ ...t })));
  const [allow, setAllow] = useState(() => scan.allowlist.join('\n'));
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);

  const validate = (): Errors => {
    const out: Errors = {};
    terms.forEach((t, i) => {
      const e = checkDenyTerm(t);
      out[`scan.denyTerms.${i}.pattern`] = e.pattern;
      out[`scan.denyTerms.${i}.kind`] = e.kind;
    });
    allow.split('\n').forEach((line, i) => {
      if (line !== '') out[`scan.allowlist.${i}`] = checkAllowEntry(line);
    });
    return out;
  };

  const save = async () => {
    const local = validate();
    setErrors(local);
    if (Object.values(local).some(Boolean)) return;
    setSaving(true);
    const denyTerms = terms.map((t) => ({
      pattern: t.pattern,
      ...(t.regex ? { regex: true } : {}),
      ...(t.caseSensitive ? { caseSensitive: true } : {}),
      ...(t.wholeWord ? { wholeWord: true } : {}),
      ...(t.kind ? { kind: t.kind } : {}),
    }));
    const allowlist = allow.split('\n').filter((l) => l !== '');
    const res = await config.save({ scan: { denyTerms, allowlist } });
    setSaving(false);
    if (res.ok) toast('Saved: the next request is scanned with these terms');
    else setErrors(res.errors);
  };

  const termError = (i: number) => ({ pattern: errors[`scan.denyTerms.${i}.pattern`] ?? errors[`scan.denyTerms.${i}`], kind: errors[`scan.denyTerms.${i}.kind`] });
  const allowErrors = Object.entries(errors).filter(([k, v]) => k.startsWith('scan.allowlist') && v);

  return (
    <section className="card">
      <div className="card-head">
        <div className="grow">
          <h2>Deny terms</h2>
          <p>Your own words to redact — project code names, customer names, internal hosts. Literal text, or a regular expression.</p>
        </div>
      </div>
      <div className="card-body stack">
        {terms.length === 0 && <p className="muted">No deny terms yet.</p>}
        {terms.map((t, i) => (
          <DenyTermRow
            key={i} index={i} term={t} errors={termError(i)}
            onChange={(next) => setTerms((ts) => ts.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setTerms((ts) => ts.filter((_, j) => j !== i))}
          />
        ))}
        <div>
          <button type="button" className="btn" onClick={() => setTerms((ts) => [...ts, { pattern: '' }])} data-testid="add-term">
            <Icon name="plus" /> Add a term
          </button>
        </div>
        <div className="divider" />
        <div className="field">
          <label htmlFor="allowlist">Allowlist</label>
          <textarea id="allowlist" className="textarea" value={allow} onChange={(e) => setAllow(e.target.value)} placeholder="one exact value per line" spellCheck={false} data-testid="allowlist" />
          {allowErrors.length > 0 ? (
            allowErrors.map(([k, v]) => (
              <span key={k} className="error">
                Line {Number(k.split('.')[2]) + 1}: {v}
              </span>
            ))
          ) : (
            <span className="hint">Exact values that are never redacted, such as your company’s public support address.</span>
          )}
        </div>
        {errors.form && <div className="form-error">{errors.form}</div>}
        {errors.scan && <div className="form-error">{errors.scan}</div>}
      </div>
      <div className="card-foot">
        <button type="button" className="btn primary" onClick={() => void save()} disabled={saving} data-testid="save-terms">
          Save terms
        </button>
      </div>
    </section>
  );
}
