import { useState, type FormEvent } from 'react';
import type { CreatedClientKey } from '../../gateway/admin/contract.js';
import { useApi } from '../hooks/useApi.js';
import { checkLabel } from '../lib/validate.js';
import { ApiError } from '../lib/api-error.js';
import type { PresetName } from '../lib/contract-values.js';
import { PresetSelect } from './PresetSelect.js';
import { rememberCreatedKey } from '../lib/created-keys.js';

/** Name + app (+ its own policy preset) → a new client key. The caller shows the key, once. */
export function NewKeyForm({ onCreated, defaultApp = '' }: { onCreated: (k: CreatedClientKey) => void; defaultApp?: string }) {
  const api = useApi();
  const [name, setName] = useState('');
  const [app, setApp] = useState(defaultApp);
  const [preset, setPreset] = useState<PresetName | ''>('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = { name: checkLabel(name), app: checkLabel(app) };
    setErrors(local);
    if (local.name || local.app) return;
    setBusy(true);
    try {
      const created = await api.createKey({ name: name.trim(), app: app.trim(), ...(preset === '' ? {} : { preset }) });
      rememberCreatedKey(created.id, created.key);
      onCreated(created);
      setName('');
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      setErrors(field === 'name' || field === 'app' ? { [field]: (err as Error).message } : { form: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor="key-name">Name</label>
        <input id="key-name" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="laptop-claude" aria-invalid={!!errors.name} data-testid="key-name" />
        {errors.name && <span className="error">{errors.name}</span>}
      </div>
      <div className="field">
        <label htmlFor="key-app">Tool</label>
        <input id="key-app" className="input" value={app} onChange={(e) => setApp(e.target.value)} placeholder="Claude Code" aria-invalid={!!errors.app} data-testid="key-app" />
        {errors.app && <span className="error">{errors.app}</span>}
      </div>
      <div className="field">
        <label htmlFor="key-preset">Preset</label>
        <PresetSelect id="key-preset" testId="key-preset" value={preset} onChange={setPreset} />
      </div>
      <button type="submit" className="btn primary" disabled={busy} data-testid="key-create">
        Create key
      </button>
      {errors.form && <div className="form-error full">{errors.form}</div>}
    </form>
  );
}
