import { useCallback, useEffect, useState } from 'react';
import type { ClientKey, CreatedClientKey } from '../../../gateway/admin/contract.js';
import { PresetSelect } from '../../components/PresetSelect.js';
import type { PresetName } from '../../lib/contract-values.js';
import { EmptyState } from '../../components/EmptyState.js';
import { KeyReveal } from '../../components/KeyReveal.js';
import { NewKeyForm } from '../../components/NewKeyForm.js';
import { useApi } from '../../hooks/useApi.js';
import { useEventStream } from '../../hooks/useEventStream.js';
import { useNow } from '../../hooks/useNow.js';
import { useToast } from '../../hooks/useToasts.js';
import { formatAgo, formatDateTime } from '../../lib/format.js';

export function ClientKeysSection() {
  const api = useApi();
  const toast = useToast();
  const now = useNow(30_000);
  const [keys, setKeys] = useState<ClientKey[]>();
  const [created, setCreated] = useState<CreatedClientKey>();
  const [confirming, setConfirming] = useState<string>();

  const load = useCallback(() => api.keys().then((k) => setKeys(k.keys), () => undefined), [api]);
  useEffect(() => void load(), [load]);
  useEventStream('clientKey.revoked', () => void load());
  useEventStream('clientKey.changed', () => void load());

  // A key's own preset replaces the global one for its requests (docs/policy.md, per-client profiles).
  const setPreset = async (k: ClientKey, preset: PresetName | null) => {
    try {
      await api.updateKey(k.id, { preset });
      toast(preset === null ? `Key “${k.name}” follows the global preset` : `Key “${k.name}” uses the ${preset} preset`);
      void load();
    } catch (err) {
      toast((err as Error).message, 'danger');
    }
  };

  const revoke = async (k: ClientKey) => {
    setConfirming(undefined);
    try {
      await api.revokeKey(k.id);
      toast(`Key “${k.name}” revoked`);
      void load();
    } catch (err) {
      toast((err as Error).message, 'danger');
    }
  };

  const active = keys?.filter((k) => k.revokedAt === undefined) ?? [];
  const revoked = keys?.filter((k) => k.revokedAt !== undefined) ?? [];
  return (
    <div className="stack">
      <section className="card">
        <div className="card-head">
          <h2>New client key</h2>
          <p>Give each tool its own key: the audit log names it, and you can revoke it alone.</p>
        </div>
        <div className="card-body stack">
          <NewKeyForm onCreated={(k) => (setCreated(k), void load())} />
          {created && <KeyReveal created={created} onDone={() => setCreated(undefined)} />}
        </div>
      </section>
      <section className="card">
        <div className="card-head">
          <h2>Keys</h2>
        </div>
        <div className="card-body">
          {keys && active.length === 0 ? (
            <EmptyState icon="key" title="No client keys yet">
              Tools can use the gateway with their own provider keys. Create a client key to tell tools apart or to use a managed provider key.
            </EmptyState>
          ) : (
            <table className="table" data-testid="keys-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Tool</th>
                  <th>Preset</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {[...active, ...revoked].map((k) => (
                  <tr key={k.id} className={k.revokedAt ? 'revoked' : ''}>
                    <td>
                      <div className="strong">{k.name}</div>
                      <div className="muted mono small" title="The key's id, for rules that name it">{k.id}</div>
                    </td>
                    <td>{k.app}</td>
                    <td>
                      {k.revokedAt ? (
                        <span className="muted">{k.preset ?? 'global'}</span>
                      ) : (
                        <PresetSelect
                          label={`Preset for ${k.name}`}
                          testId={`key-preset-${k.id}`}
                          value={k.preset ?? ''}
                          onChange={(p) => void setPreset(k, p === '' ? null : p)}
                        />
                      )}
                    </td>
                    <td className="muted">{formatDateTime(k.createdAt)}</td>
                    <td className="muted">{k.lastUsedAt ? formatAgo(k.lastUsedAt, now) : 'never'}</td>
                    <td className="actions">
                      {k.revokedAt ? (
                        <span className="badge">revoked</span>
                      ) : confirming === k.id ? (
                        <span className="row">
                          <button type="button" className="btn danger sm" onClick={() => void revoke(k)}>
                            Revoke “{k.name}”
                          </button>
                          <button type="button" className="btn ghost sm" onClick={() => setConfirming(undefined)}>
                            Cancel
                          </button>
                        </span>
                      ) : (
                        <button type="button" className="btn sm" onClick={() => setConfirming(k.id)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </div>
  );
}
