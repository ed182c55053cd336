import type { AuditEvent } from '../../gateway/admin/contract.js';
import { findingsOf } from '../lib/audit.js';
import { formatBytes, formatDateTime, formatMs } from '../lib/format.js';
import { CategoryChip, RowBadge, StatusCode } from './Badges.js';
import { Drawer } from './Drawer.js';
import { ExplainSection } from './ExplainSection.js';

function TimingBar({ event }: { event: AuditEvent }) {
  const { totalMs, upstreamMs, overheadMs } = event.durations;
  const pct = (ms: number) => `${totalMs > 0 ? Math.min(100, (ms / totalMs) * 100) : 0}%`;
  return (
    <div className="timing">
      <div className="timing-bar" aria-hidden="true">
        <span className="gateway" style={{ width: pct(overheadMs) }} />
        <span className="upstream" style={{ width: pct(upstreamMs) }} />
      </div>
      <dl className="kv">
        <dt>Total</dt>
        <dd className="num">{formatMs(totalMs)}</dd>
        <dt>
          <span className="swatch upstream" />
          Upstream
        </dt>
        <dd className="num">{formatMs(upstreamMs)}</dd>
        <dt>
          <span className="swatch gateway" />
          Gateway overhead
        </dt>
        <dd className="num">{formatMs(overheadMs)}</dd>
      </dl>
    </div>
  );
}

/** One exchange in full: what was found (counts by category), timings, sizes, usage. Never a value. */
export function AuditDrawer({ event, onClose, onClient }: { event: AuditEvent; onClose: () => void; onClient?: (app: string) => void }) {
  const findings = findingsOf(event);
  return (
    <Drawer
      testId="audit-drawer" onClose={onClose}
      title={<span className="row">{event.client.app} <RowBadge event={event} /></span>}
      subtitle={<span className="mono">{event.id}</span>}
    >
      <section>
        <div className="section-title">Findings</div>
        {findings.length > 0 ? (
          <div className="row wrap">
            {findings.map(([c, n]) => (
              <CategoryChip key={c} category={c} count={n} />
            ))}
          </div>
        ) : (
          <p className="muted">Nothing sensitive was found.</p>
        )}
        <p className="muted small drawer-note">Counts only: the audit log never stores what was found.</p>
      </section>
      {event.explain && <ExplainSection event={event} />}
      <section>
        <div className="section-title">Exchange</div>
        <dl className="kv">
          <dt>When</dt>
          <dd>{formatDateTime(event.time, true)}</dd>
          <dt>Client</dt>
          <dd className="row wrap">
            <span>
              {event.client.app}
              {event.client.keyId && <span className="muted mono small"> · {event.client.keyId}</span>}
            </span>
            {onClient && (
              <button type="button" className="btn ghost sm" onClick={() => onClient(event.client.app)} data-testid="drawer-filter-client">
                Show only this client
              </button>
            )}
          </dd>
          {event.userAgent && (
            <>
              <dt>User agent</dt>
              <dd className="mono small" data-testid="user-agent">{event.userAgent}</dd>
            </>
          )}
          <dt>Provider</dt>
          <dd>{event.provider}</dd>
          <dt>Model</dt>
          <dd>{event.model ?? <span className="muted">–</span>}</dd>
          <dt>Route</dt>
          <dd className="mono">{event.route}</dd>
          <dt>Streamed</dt>
          <dd>{event.stream ? 'Yes' : 'No'}</dd>
          <dt>Status</dt>
          <dd>
            <StatusCode status={event.status} />
          </dd>
          {event.errorCode && (
            <>
              <dt>Error code</dt>
              <dd className="mono" data-testid="error-code">{event.errorCode}</dd>
            </>
          )}
          {event.pendingId && (
            <>
              <dt>Confirmation</dt>
              <dd className="mono">{event.pendingId}</dd>
            </>
          )}
          {event.ruleIds && event.ruleIds.length > 0 && (
            <>
              <dt>Rules</dt>
              <dd className="mono small">{event.ruleIds.join(', ')}</dd>
            </>
          )}
        </dl>
      </section>
      <section>
        <div className="section-title">Timings</div>
        <TimingBar event={event} />
      </section>
      <section>
        <div className="section-title">Size and usage</div>
        <dl className="kv">
          <dt>Request</dt>
          <dd className="num">{formatBytes(event.bytes.in)}</dd>
          <dt>Response</dt>
          <dd className="num">{formatBytes(event.bytes.out)}</dd>
          <dt>Input tokens</dt>
          <dd className="num">{event.usage.inputTokens ?? <span className="muted">–</span>}</dd>
          <dt>Output tokens</dt>
          <dd className="num">{event.usage.outputTokens ?? <span className="muted">–</span>}</dd>
        </dl>
      </section>
    </Drawer>
  );
}
