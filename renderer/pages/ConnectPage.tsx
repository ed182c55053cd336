import { useEffect, useMemo, useState } from 'react';
import type { ClientKey, ConfigView, CreatedClientKey, Health } from '../../gateway/admin/contract.js';
import { CodeBlock } from '../components/CodeBlock.js';
import { CopyButton } from '../components/CopyButton.js';
import { KeyReveal } from '../components/KeyReveal.js';
import { NewKeyForm } from '../components/NewKeyForm.js';
import { PageHead } from '../components/PageHead.js';
import { SetupCheck } from '../components/SetupCheck.js';
import { useApi } from '../hooks/useApi.js';
import { createdKey } from '../lib/created-keys.js';
import { snippets } from '../lib/snippets.js';

const NEW = '__new__';

export function ConnectPage() {
  const api = useApi();
  const [health, setHealth] = useState<Health>();
  const [config, setConfig] = useState<ConfigView>();
  const [keys, setKeys] = useState<ClientKey[]>([]);
  const [choice, setChoice] = useState('');
  const [created, setCreated] = useState<CreatedClientKey>();
  const [tool, setTool] = useState('claude-code');
  const [showKey, setShowKey] = useState(false);

  useEffect(() => {
    api.health().then(setHealth, () => undefined);
    api.config().then(setConfig, () => undefined);
    api.keys().then((k) => setKeys(k.keys.filter((x) => x.revokedAt === undefined)), () => undefined);
  }, [api]);

  const picked = keys.find((k) => k.id === choice);
  const list = useMemo(
    () =>
      snippets({
        baseUrl: health?.url ?? window.location.origin,
        key: picked ? { value: createdKey(picked.id), hint: `<key “${picked.name}”>` } : undefined,
        openaiManaged: config?.providers.openai.managedKey ?? false,
        anthropicManaged: config?.providers.anthropic.managedKey ?? false,
        requireClientKey: config?.config.auth.requireClientKey ?? false,
      }),
    [health, config, picked, created],
  );
  const current = list.find((s) => s.id === tool) ?? list[0];
  const base = (health?.url ?? window.location.origin).replace(/\/+$/, '');

  const onCreated = (k: CreatedClientKey) => {
    setCreated(k);
    setKeys((ks) => [k.record, ...ks]);
    setChoice(k.id);
    setShowKey(true);
  };

  return (
    <div className="page">
      <PageHead title="Connect a tool" subtitle="Point your tools at the gateway. Snippets use this gateway’s address and the client key you pick." />
      <section className="card">
        <div className="card-body connect-key">
          <div className="endpoints">
            <div>
              <span className="label">OpenAI-compatible base URL</span>
              <span className="row">
                <code data-testid="openai-base">{base}/v1</code>
                <CopyButton text={`${base}/v1`} className="btn ghost sm" label="Copy" />
              </span>
            </div>
            <div>
              <span className="label">Anthropic base URL</span>
              <span className="row">
                <code>{base}</code>
                <CopyButton text={base} className="btn ghost sm" label="Copy" />
              </span>
            </div>
          </div>
          <div className="field">
            <label htmlFor="connect-key">Client key</label>
            <select id="connect-key" className="select" value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="connect-key">
              <option value="">No client key (use your own provider keys)</option>
              {keys.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name} · {k.app}
                </option>
              ))}
              <option value={NEW}>Create a new key…</option>
            </select>
            <span className="hint">
              A client key names the tool in the audit log
              {config?.config.auth.requireClientKey ? ' and is required by this gateway' : ''}. Keys are shown only once, when created.
            </span>
          </div>
          {choice === NEW && <NewKeyForm onCreated={onCreated} />}
          {showKey && created && created.id === choice && <KeyReveal created={created} onDone={() => setShowKey(false)} />}
        </div>
      </section>
      <section className="card connect">
        <nav className="tool-list" aria-label="Tools">
          {list.map((s) => (
            <button key={s.id} type="button" aria-pressed={s.id === current.id} onClick={() => setTool(s.id)} data-testid={`tool-${s.id}`}>
              {s.title}
            </button>
          ))}
        </nav>
        <div className="tool-body">
          <h2>{current.title}</h2>
          <CodeBlock code={current.code} testId="snippet" />
          {current.note && <p className="muted small">{current.note}</p>}
          <SetupCheck app={current.app} keyId={picked?.id} title={current.title} />
        </div>
      </section>
    </div>
  );
}
