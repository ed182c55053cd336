import { CopyButton } from '../components/CopyButton.js';
import { PageHead } from '../components/PageHead.js';
import { StatTile } from '../components/StatTile.js';
import { UpstreamHealthTable } from '../components/UpstreamHealthTable.js';
import { useHealth } from '../hooks/useHealth.js';
import { useNow } from '../hooks/useNow.js';
import { useRules } from '../hooks/useRules.js';
import { describeConfigFile } from '../lib/config-file.js';
import { unredactedRules } from '../lib/rules.js';
import { formatDateTime, formatDuration } from '../lib/format.js';

export function StatusPage() {
  const { health: h, error } = useHealth();
  const { data: rules } = useRules();
  const now = useNow(30_000);
  // A rule that sends findings unredacted is a quiet mode: the state says so instead of "Protecting".
  const unredacted = rules ? unredactedRules(rules.rules, now).length : 0;
  const state = h?.status !== 'ok' ? 'Draining' : unredacted > 0 ? 'Protection partly off' : 'Protecting';

  return (
    <div className="page">
      <PageHead title="Status" subtitle="The gateway process, its store and its upstreams." />
      {error && <div className="form-error">Could not read the gateway’s health: {error}</div>}
      {h && (
        <>
          <div className="tiles">
            <StatTile
              label="State" value={state} testId="tile-state" tone={state === 'Protecting' ? 'ok' : 'warn'}
              detail={h.draining ? 'finishing in-flight requests' : unredacted > 0 ? `${unredacted} ${unredacted === 1 ? 'rule sends' : 'rules send'} findings unredacted` : 'accepting requests'}
            />
            <StatTile label="Uptime" value={formatDuration(h.uptimeSec)} detail={`version ${h.version}`} />
            <StatTile label="Upstream in flight" value={String(h.upstream.inFlight)} detail="requests waiting on a provider" />
            <StatTile
              label="Audit queue" value={`${h.audit.queueDepth}`} detail={h.audit.enabled ? `of ${h.audit.queueCapacity} before 503` : 'audit is off'}
              tone={h.audit.queueDepth > h.audit.queueCapacity * 0.8 ? 'danger' : undefined}
            />
          </div>
          <div className="stack">
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
                  {h.configFile && (
                    <>
                      <dt>Config file</dt>
                      <dd data-testid="status-config-file" data-status={h.configFile.status} data-field={h.configFile.error?.field ?? ''}>
                        <span className="mono">{h.configFile.path}</span>{' '}
                        <span className={`badge ${h.configFile.status === 'invalid' ? 'danger' : 'ok'}`}>{h.configFile.status === 'invalid' ? 'rejected' : 'reloaded'}</span>{' '}
                        <span className="muted">{formatDateTime(h.configFile.at, true)}</span>
                        <div className={h.configFile.status === 'invalid' ? 'form-error' : 'muted'}>{describeConfigFile(h.configFile)}</div>
                      </dd>
                    </>
                  )}
                </dl>
              </div>
            </section>
            <UpstreamHealthTable health={h} />
          </div>
        </>
      )}
    </div>
  );
}
