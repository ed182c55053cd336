import { useCallback } from 'react';
import { CopyButton } from '../components/CopyButton.js';
import { PageHead } from '../components/PageHead.js';
import { StatTile } from '../components/StatTile.js';
import { useApi } from '../hooks/useApi.js';
import { usePoll } from '../hooks/usePoll.js';
import { formatDuration } from '../lib/format.js';
import { providerTitle } from '../lib/providers.js';

export function StatusPage() {
  const api = useApi();
  const { data: h, error } = usePoll(useCallback(() => api.health(), [api]), 2000);

  return (
    <div className="page">
      <PageHead title="Status" subtitle="The gateway process, its store and its upstreams." />
      {error && <div className="form-error">Could not read the gateway’s health: {error}</div>}
      {h && (
        <>
          <div className="tiles">
            <StatTile label="State" value={h.status === 'ok' ? 'Protecting' : 'Draining'} detail={h.draining ? 'finishing in-flight requests' : 'accepting requests'} tone={h.status === 'ok' ? 'ok' : 'warn'} testId="tile-state" />
            <StatTile label="Uptime" value={formatDuration(h.uptimeSec)} detail={`version ${h.version}`} />
            <StatTile label="Upstream in flight" value={String(h.upstream.inFlight)} detail="requests waiting on a provider" />
            <StatTile
              label="Audit queue" value={`${h.audit.queueDepth}`} detail={h.audit.enabled ? `of ${h.audit.queueCapacity} before 503` : 'audit is off'}
              tone={h.audit.queueDepth > h.audit.queueCapacity * 0.8 ? 'danger' : undefined}
            />
          </div>
          <div className="grid-2">
            <section className="card">
              <div className="card-head">
                <h2>Gateway</h2>
              </div>
              <div className="card-body">
                <dl className="kv wide">
                  <dt>Listening on</dt>
                  <dd className="row">
                    <code data-testid="status-url">{h.url}</code>
                    <CopyButton text={h.url} label="Copy URL" />
                  </dd>
                  <dt>Version</dt>
                  <dd className="mono">{h.version}</dd>
                  <dt>Data directory</dt>
                  <dd className="mono">{h.dataDir}</dd>
                  <dt>Store</dt>
                  <dd>
                    integrity {h.store.integrity}
                    {h.store.uncleanShutdown && <span className="badge warn">recovered from an unclean shutdown</span>}
                  </dd>
                  <dt>Abandoned at start</dt>
                  <dd>{h.store.abandonedPending} held requests</dd>
                </dl>
              </div>
            </section>
            <section className="card">
              <div className="card-head">
                <h2>Providers</h2>
              </div>
              <div className="card-body">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Provider</th>
                      <th>Kind</th>
                      <th>Base URL</th>
                      <th>Managed key</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(h.providers).map(([name, p]) => (
                      <tr key={name} data-testid={`status-provider-${name}`}>
                        <td className="strong">{providerTitle(name)}</td>
                        <td className="small">{p.kind}</td>
                        <td className="mono small">{p.baseUrl}</td>
                        <td>{p.managedKey ? <span className="badge ok">set</span> : <span className="badge">not set</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
