import { useHealth } from '../hooks/useHealth.js';
import { routeHref } from '../lib/route.js';
import { lastErrorText, providerLabel, worstFirst } from '../lib/upstream-text.js';

/** The header's one-line upstream health: the worst provider, or the gateway itself when it stops answering. */
export function UpstreamChip() {
  const { health, error } = useHealth();
  if (error && health === undefined) return null;
  const [worst] = worstFirst(health?.upstreams ?? []);
  const state = error ? 'failing' : (worst?.state ?? 'unknown');
  const text = error
    ? 'Gateway not answering'
    : !worst || worst.state === 'unknown'
      ? 'Providers: no traffic yet'
      : worst.state === 'failing'
        ? `${providerLabel(worst.provider)} failing${lastErrorText(worst) ? ` (${lastErrorText(worst)})` : ''}`
        : worst.state === 'degraded'
          ? `${providerLabel(worst.provider)} failed recently`
          : 'Providers reachable';
  return (
    <a className={`upstream-chip ${state}`} href={routeHref('status')} data-testid="upstream-chip" data-state={state} title="Upstream health (Status page)">
      <span className="dot" aria-hidden="true" />
      <span className="ellipsis">{text}</span>
    </a>
  );
}
