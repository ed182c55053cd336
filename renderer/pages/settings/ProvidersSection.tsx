import { useState } from 'react';
import type { ProviderKind } from '../../../gateway/shared/shape.js';
import type { Provider } from '../../api.js';
import { Icon } from '../../components/Icon.js';
import { useApi } from '../../hooks/useApi.js';
import type { useConfig } from '../../hooks/useConfig.js';
import { useToast } from '../../hooks/useToasts.js';
import { providerTitle, sortProviders } from '../../lib/providers.js';
import { checkBaseUrl, checkProviderKey } from '../../lib/validate.js';

// Every kind has a label (satisfies), and a kind the dashboard does not know shows as written.
const KINDS: Readonly<Record<string, string>> = { openai: 'OpenAI-compatible', anthropic: 'Anthropic', 'azure-openai': 'Azure OpenAI' } satisfies Record<ProviderKind, string>;

export function ProvidersSection({ config }: { config: ReturnType<typeof useConfig> }) {
  const names = sortProviders(Object.keys(config.view!.config.providers));
  return (
    <div className="stack">
      {names.map((p) => (
        <ProviderCard key={p} provider={p} config={config} />
      ))}
    </div>
  );
}


function ProviderCard({ provider, config }: { provider: Provider; config: ReturnType<typeof useConfig> }) {
  const api = useApi();
  const toast = useToast();
  const view = config.view!;
  const saved = view.config.providers[provider]!.baseUrl;
  const kind = view.config.providers[provider]!.kind ?? provider;
  const managed = view.providers[provider]?.managedKey ?? false;
  // A flag given at launch wins over anything saved here: show both values and lock the field.
  const flagged = view.overrides[`providers.${provider}.baseUrl`];
  const [url, setUrl] = useState(saved);
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<{ url?: string; key?: string }>({});

  const saveUrl = async () => {
    const problem = checkBaseUrl(url);
    setErrors((e) => ({ ...e, url: problem }));
    if (problem) return;
    const res = await config.save({ providers: { [provider]: { baseUrl: url.trim() } } });
    // Confirm only what is in effect: the answer's effective config is the judge, not the request.
    if (res.ok && res.effective?.providers[provider]?.baseUrl === url.trim()) toast(`${providerTitle(provider)} now forwards to ${url.trim()}`);
    else if (res.ok) setErrors((e) => ({ ...e, url: 'Saved, but not in effect: another setting overrides it' }));
    else setErrors((e) => ({ ...e, url: Object.values(res.errors)[0] }));
  };
  const storeKey = async () => {
    const problem = checkProviderKey(key);
    setErrors((e) => ({ ...e, key: problem }));
    if (problem) return;
    try {
      await api.setProviderKey(provider, key);
      setKey('');
      toast(`${providerTitle(provider)} key stored (sealed; it will not be shown again)`);
    } catch (err) {
      setErrors((e) => ({ ...e, key: (err as Error).message }));
    }
  };
  const clearKey = async () => {
    try {
      await api.clearProviderKey(provider);
      toast(`${providerTitle(provider)} key removed: tools' own keys pass through again`);
    } catch (err) {
      toast((err as Error).message, 'danger');
    }
  };

  return (
    <section className="card" data-testid={`provider-${provider}`}>
      <div className="card-head">
        <h2>{providerTitle(provider)}</h2>
        <span className="badge" data-testid={`kind-${provider}`}>{KINDS[kind] ?? kind}</span>
        <span className={`badge ${managed ? 'ok' : ''}`} data-testid={`managed-${provider}`}>
          {managed ? 'Managed key set' : 'Managed key not set'}
        </span>
      </div>
      <div className="card-body form-grid">
        {flagged ? (
          <div className="field" data-testid={`url-locked-${provider}`}>
            <label htmlFor={`${provider}-url`}>Base URL</label>
            <div className="row">
              <input id={`${provider}-url`} className="input mono" value={saved} readOnly aria-readonly="true" aria-describedby={`${provider}-url-lock`} spellCheck={false} />
              <span className="badge warn" title="Set on the command line for this run">
                <Icon name="lock" /> {flagged.flag}
              </span>
            </div>
            <span className="hint" id={`${provider}-url-lock`} data-testid={`url-lock-${provider}`}>
              In effect: <span className="mono">{saved}</span>, set by <span className="mono">{flagged.flag}</span> when the gateway was started. Saved here:{' '}
              <span className="mono">{typeof flagged.saved === 'string' ? flagged.saved : '—'}</span>, which applies when the gateway runs without the flag.
            </span>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${provider}-url`}>Base URL</label>
            <div className="row">
              <input id={`${provider}-url`} className="input mono" value={url} onChange={(e) => setUrl(e.target.value)} aria-invalid={!!errors.url} spellCheck={false} />
              <button type="button" className="btn" onClick={() => void saveUrl()} disabled={url.trim() === saved}>
                Save
              </button>
            </div>
            {errors.url ? <span className="error">{errors.url}</span> : <span className="hint">Where requests for {providerTitle(provider)} go. A path prefix is kept.</span>}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${provider}-key`}>Managed API key</label>
          <div className="row">
            <input
              id={`${provider}-key`} className="input mono" type="password" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)}
              placeholder={managed ? '•••••••• stored — paste to replace' : 'Paste a key to store it'} aria-invalid={!!errors.key} spellCheck={false}
            />
            <button type="button" className="btn" onClick={() => void storeKey()} disabled={!key}>
              {managed ? 'Replace' : 'Store'}
            </button>
            {managed && (
              <button type="button" className="btn danger" onClick={() => void clearKey()}>
                Remove
              </button>
            )}
          </div>
          {errors.key ? (
            <span className="error">{errors.key}</span>
          ) : (
            <span className="hint">Write-only and sealed at rest. With a key stored, tools authenticate with a client key and never see the real one.</span>
          )}
        </div>
      </div>
    </section>
  );
}
