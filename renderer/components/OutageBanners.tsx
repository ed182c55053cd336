import { useHealth } from '../hooks/useHealth.js';
import { useStreamStatus } from '../hooks/useEventStream.js';
import { formatClock } from '../lib/format.js';
import { routeHref } from '../lib/route.js';
import { lastErrorText, providerLabel } from '../lib/upstream-text.js';
import { Icon } from './Icon.js';

/**
 * An outage says so at the top of every page, not only as "Reconnecting…" in the footer: the
 * gateway not answering at all, or a provider whose latest requests failed.
 */
export function OutageBanners() {
  const { health, error } = useHealth();
  const stream = useStreamStatus();
  const failing = (health?.upstreams ?? []).filter((u) => u.state === 'failing');
  return (
    <>
      {error !== undefined && stream !== 'live' && (
        <div className="banner danger" role="alert" data-testid="gateway-down-banner">
          <Icon name="alert" />
          <span className="grow">
            <b>The gateway is not answering.</b> Tools pointed at it get no answer either until it is back; this page reconnects by itself.
          </span>
        </div>
      )}
      {error === undefined &&
        failing.map((u) => (
          <div key={u.provider} className="banner danger" role="status" data-testid="upstream-banner" data-provider={u.provider}>
            <Icon name="alert" />
            <span className="grow">
              <b>{providerLabel(u.provider)} is failing</b>
              {lastErrorText(u) && ` (${lastErrorText(u)})`}: {u.consecutiveFailures} {u.consecutiveFailures === 1 ? 'request' : 'requests'} in a row
              {u.lastOkAt ? `, last success ${formatClock(u.lastOkAt)}` : ', no success since the gateway started'}.
            </span>
            <a className="btn sm" href={routeHref('status')}>
              Status
            </a>
          </div>
        ))}
    </>
  );
}
