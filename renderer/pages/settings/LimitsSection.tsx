import { useState } from 'react';
import type { ConfigPatch } from '../../../gateway/admin/contract.js';
import type { useConfig } from '../../hooks/useConfig.js';
import { useToast } from '../../hooks/useToasts.js';
import { getPath, LIMIT_FIELDS, LIMIT_GROUPS, parseLimit, setPath, unitHint } from '../../lib/limit-fields.js';

export function LimitsSection({ config }: { config: ReturnType<typeof useConfig> }) {
  const toast = useToast();
  const current = config.view!.config;
  const initial = () => Object.fromEntries(LIMIT_FIELDS.map((f) => [f.path, String(getPath(current, f.path) ?? '')]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [onTimeout, setOnTimeout] = useState(current.confirm.onTimeout);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const changed = LIMIT_FIELDS.filter((f) => values[f.path] !== String(getPath(current, f.path)));
  const dirty = changed.length > 0 || onTimeout !== current.confirm.onTimeout;

  const save = async () => {
    const parsed = new Map(LIMIT_FIELDS.map((f) => [f.path, parseLimit(f, values[f.path] ?? '')]));
    const local = Object.fromEntries([...parsed].map(([path, p]) => [path, 'error' in p ? p.error : undefined]));
    setErrors(local);
    if (Object.values(local).some(Boolean)) return;
    // Units are resolved here as the gateway would (the same module); it receives plain integers.
    let patch: Record<string, unknown> = {};
    for (const f of changed) patch = setPath(patch, f.path, (parsed.get(f.path) as { value: number }).value);
    if (onTimeout !== current.confirm.onTimeout) patch = setPath(patch, 'confirm.onTimeout', onTimeout);
    const res = await config.save(patch as ConfigPatch);
    if (res.ok) toast(res.restartRequired?.length ? `Saved; applies after a restart: ${res.restartRequired.join(', ')}` : 'Saved: applies to the next request');
    else setErrors(res.errors);
  };

  return (
    <section className="card">
      <div className="card-body stack">
        <p className="muted small">
          Sizes take units (<code>32MB</code>, <code>512KiB</code>, <code>1GiB</code>; KB and MB are powers of 1000, KiB and MiB of 1024) and times too
          (<code>250ms</code>, <code>30s</code>, <code>2m</code>, <code>1h</code>). A bare number is in the field's own unit.
        </p>
        {LIMIT_GROUPS.map((g) => (
          <section key={g.title} className="limit-group" role="group" aria-labelledby={`limits-${g.title}`}>
            <h3 id={`limits-${g.title}`}>{g.title}</h3>
            <p className="muted small">{g.hint}</p>
            <div className="limit-grid">
              {g.fields.map((f) => (
                <div className="field" key={f.path}>
                  <label htmlFor={f.path}>{f.label}</label>
                  <input
                    id={f.path} className="input num" value={values[f.path]} aria-invalid={!!errors[f.path]} data-testid={`limit-${f.path}`}
                    onChange={(e) => (setValues((v) => ({ ...v, [f.path]: e.target.value })), setErrors((x) => ({ ...x, [f.path]: undefined })))}
                  />
                  {errors[f.path] ? <span className="error" data-testid={`limit-error-${f.path}`}>{errors[f.path]}</span> : <span className="hint" data-testid={`limit-hint-${f.path}`}>{unitHint(f, values[f.path] ?? '') || `${f.min.toLocaleString('en')}–${f.max.toLocaleString('en')}`}</span>}
                </div>
              ))}
              {g.title === 'Confirmations' && (
                <div className="field">
                  <label htmlFor="confirm.onTimeout">When nobody decides</label>
                  <select id="confirm.onTimeout" className="select" value={onTimeout} onChange={(e) => setOnTimeout(e.target.value as typeof onTimeout)}>
                    <option value="deny">Deny the request</option>
                    <option value="redact">Send it redacted</option>
                  </select>
                  <span className="hint">Applied once; a timeout never creates a rule.</span>
                </div>
              )}
            </div>
          </section>
        ))}
        {errors.form && <div className="form-error">{errors.form}</div>}
      </div>
      <div className="card-foot">
        {dirty && <span className="muted small">{changed.length + (onTimeout !== current.confirm.onTimeout ? 1 : 0)} unsaved changes</span>}
        <button type="button" className="btn" onClick={() => (setValues(initial()), setOnTimeout(current.confirm.onTimeout), setErrors({}))} disabled={!dirty}>
          Reset
        </button>
        <button type="button" className="btn primary" onClick={() => void save()} disabled={!dirty} data-testid="save-limits">
          Save limits
        </button>
      </div>
    </section>
  );
}
