import type { Health } from '../../gateway/admin/contract.js';
import { formatClock, formatMs } from '../lib/format.js';
import { sortProviders } from '../lib/providers.js';
import { lastErrorText, providerLabel, STATE_LABEL } from '../lib/upstream-text.js';

/**
 * Each provider: base URL, managed key, and its health as recent real traffic saw it (the gateway
 * sends no probes of its own): reachable or failing, the last error, and the latency of recent answers.
 */
export function UpstreamHealthTable({ health: h }: { health: Health }) {
  return (
    <section className="card">
      <div className="card-head">
        <h2>Providers</h2>
        <span className="muted small">health from the last 50 requests to each; no probes</span>
      </div>
      <div className="card-body">
        <table className="table">
          <thead>
            <tr>
              <th>Provider</th>
              <th>Health</th>
              <th>Latency p50 · p95</th>
              <th>Last error</th>
              <th>Managed key</th>
            </tr>
          </thead>
          <tbody>
            {sortProviders(Object.keys(h.providers)).map((p) => {
              const u = h.upstreams.find((x) => x.provider === p);
              const state = u?.state ?? 'unknown';
              return (
                <tr key={p} data-testid={`upstream-${p}`} data-state={state}>
                  <td>
                    <div className="strong">{providerLabel(p)}</div>
                    <div className="small muted" data-testid={`upstream-kind-${p}`}>{h.providers[p]!.kind}</div>
                    <div className="mono small muted">{h.providers[p]!.baseUrl}</div>
                  </td>
                  <td>
                    <span className={`health-state ${state}`}>{STATE_LABEL[state]}</span>
                    {u && u.recent > 0 && (
                      <div className="small muted">
                        {u.recentFailures} of {u.recent} failed
                        {u.lastOkAt ? ` · ok ${formatClock(u.lastOkAt)}` : ''}
                      </div>
                    )}
                  </td>
                  <td className="num" data-testid={`upstream-latency-${p}`}>
                    {u?.latencyP50Ms !== undefined ? `${formatMs(u.latencyP50Ms)} · ${formatMs(u.latencyP95Ms ?? 0)}` : '–'}
                  </td>
                  <td className="small" data-testid={`upstream-error-${p}`}>
                    {u?.lastError ? (
                      <>
                        <span className="mono">{lastErrorText(u)}</span>
                        <div className="muted">{formatClock(u.lastError.at)}</div>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>{h.providers[p]!.managedKey ? <span className="badge ok">set</span> : <span className="badge">not set</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
