import type { AuditEvent } from '../../gateway/admin/contract.js';
import { routeHref } from '../hooks/useHashRoute.js';

const SENT_TEXT = { original: 'the original text, as written', redacted: 'the redacted text (placeholders)', nothing: 'nothing: it was refused' } as const;

/** Who settled a hold, in words; the raw value stays in the title for the record. */
export function byText(by: string): string {
  if (by === 'dashboard') return 'you, in the dashboard';
  if (by === 'admin') return 'an admin API call (token)';
  if (by === 'timeout') return 'nobody: the timeout default applied';
  if (by === 'client:disconnected') return 'nobody: the client went away';
  return by;
}

/** Why the exchange went as it did: detectors, placeholders, and a hold's decision. Never a value. */
export function ExplainSection({ event }: { event: AuditEvent }) {
  const x = event.explain!;
  const detectors = Object.entries(x.detectors ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return (
    <section data-testid="explain">
      <div className="section-title">What was found and decided</div>
      <dl className="kv">
        {detectors.length > 0 && (
          <>
            <dt>Detectors</dt>
            <dd className="row wrap" data-testid="explain-detectors">
              {detectors.map(([d, n]) => (
                <span key={d} className="chip mono">
                  {d}
                  <b className="num">{n}</b>
                </span>
              ))}
            </dd>
          </>
        )}
        {x.placeholders && x.placeholders.length > 0 && (
          <>
            <dt>Replaced by</dt>
            <dd className="mono small" data-testid="explain-placeholders">
              {x.placeholders.join(' ')}
            </dd>
          </>
        )}
        {x.sent && (
          <>
            <dt>Sent</dt>
            <dd data-testid="explain-sent">{SENT_TEXT[x.sent]}</dd>
          </>
        )}
        {x.decidedBy && (
          <>
            <dt>Decided by</dt>
            <dd data-testid="explain-by" title={x.decidedBy}>
              {byText(x.decidedBy)}
            </dd>
          </>
        )}
        {x.heldBy && (
          <>
            <dt>Held by rule</dt>
            <dd className="mono small" data-testid="explain-rule">
              <a href={routeHref('settings', 'policy')}>{x.heldBy}</a>
            </dd>
          </>
        )}
        {event.pendingId && (
          <>
            <dt>Held item</dt>
            <dd className="mono small" data-testid="explain-pending">
              {event.pendingId}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
