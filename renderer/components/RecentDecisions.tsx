import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../gateway/admin/contract.js';
import { useApi } from '../hooks/useApi.js';
import { useDebounced } from '../hooks/useDebounced.js';
import { useEventStream } from '../hooks/useEventStream.js';
import { matches, NO_FILTERS, prepend } from '../lib/audit.js';
import { formatClock } from '../lib/format.js';
import { liveHash } from '../lib/live-url.js';
import { byText } from './ExplainSection.js';

const SHOWN = 50;

/** What became of a held exchange, in words: approved and sent how, denied, or the timeout's default. */
function outcomeText(e: AuditEvent): { text: string; tone: string } {
  const sent = e.explain?.sent;
  switch (e.decision) {
    case 'approved':
      return { text: `Approved · sent ${sent === 'original' ? 'original' : 'redacted'}`, tone: sent === 'original' ? 'warn' : 'ok' };
    case 'denied':
      return { text: 'Denied', tone: 'danger' };
    case 'timed_out':
      return sent === 'redacted' ? { text: 'Timed out · sent redacted (default)', tone: 'warn' } : { text: 'Timed out · denied (default)', tone: 'danger' };
    default:
      return { text: e.errorCode === 'GW_ERR_SHUTTING_DOWN' ? 'Cancelled at shutdown' : 'Abandoned: the client left', tone: '' };
  }
}

/** `#/confirmations?q=pnd_…` (where a held Live row and a client's error message lead) opens the search on that id. */
const queryFromHash = (): string => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('q') ?? '';

/**
 * Held exchanges after they left the queue: approved, denied, timed out. Read from the audit log
 * (`held=true`), so they outlive the queue and a restart, and are found by the `pnd_…` id a
 * refused client's error names.
 */
export function RecentDecisions() {
  const api = useApi();
  const [draft, setDraft] = useState(queryFromHash);
  const q = useDebounced(draft.trim(), 250);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const onChange = () => setDraft(queryFromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  useEffect(() => {
    let live = true;
    api.audit({ held: true, limit: SHOWN, ...(q && { q }) }).then(
      (page) => live && (setEvents(page.events), setError(undefined)),
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, [api, q]);
  useEventStream('audit', (e) => {
    if (e.pendingId !== undefined && matches(e, { ...NO_FILTERS, q })) setEvents((list) => prepend(list, [e], SHOWN));
  });

  return (
    <section className="card recent-decisions" data-testid="recent-decisions" aria-labelledby="recent-title">
      <div className="card-head">
        <h2 id="recent-title">Recent decisions</h2>
        <div className="filters" role="search" aria-label="Search recent decisions">
          <input
            className="input" type="search" placeholder="pnd_… id, app or error code" aria-label="Search recent decisions" value={draft}
            onChange={(e) => setDraft(e.target.value)} data-testid="recent-q"
          />
        </div>
      </div>
      {error && <div className="form-error">Could not read the audit log: {error}</div>}
      {events.length === 0 ? (
        <p className="muted card-body" data-testid="recent-empty">
          {q ? `Nothing decided matches “${q}”.` : 'Held requests land here once approved, denied or timed out, with who decided.'}
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Held item</th>
              <th>Client</th>
              <th>Outcome</th>
              <th>Decided by</th>
              <th>Asked about</th>
              <th>
                <span className="sr-only">Open in Live</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const outcome = outcomeText(e);
              return (
                <tr key={e.id} data-testid="recent-decision" data-pending-id={e.pendingId} data-decision={e.decision}>
                  <td className="mono small">{formatClock(e.time)}</td>
                  <td className="mono small">{e.pendingId}</td>
                  <td>{e.client.app}</td>
                  <td>
                    <span className={`badge ${outcome.tone}`}>{outcome.text}</span>
                  </td>
                  <td className="small">{e.explain?.decidedBy ? byText(e.explain.decidedBy) : '–'}</td>
                  <td className="mono small">{Object.keys(e.explain?.detectors ?? e.findings).join(', ') || '–'}</td>
                  <td>
                    <a className="btn ghost sm" href={liveHash({ ...NO_FILTERS, q: e.pendingId! })}>
                      Live
                    </a>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
