import { useStreamStatus } from '../hooks/useEventStream.js';
import { routeHref, type Page, type Route } from '../hooks/useHashRoute.js';
import { Icon, type IconName } from './Icon.js';
import { UpstreamChip } from './UpstreamChip.js';

const NAV: { page: Page; label: string; icon: IconName }[] = [
  { page: 'live', label: 'Live', icon: 'live' },
  { page: 'confirmations', label: 'Confirmations', icon: 'hourglass' },
  { page: 'traffic', label: 'Traffic', icon: 'chart' },
  { page: 'settings', label: 'Rules & settings', icon: 'sliders' },
  { page: 'connect', label: 'Connect', icon: 'plug' },
  { page: 'status', label: 'Status', icon: 'server' },
];

const STATUS_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Signed out',
  stopped: 'Offline',
} as const;

export function Sidebar({ route, pendingCount, onLogout }: { route: Route; pendingCount: number; onLogout?: () => void }) {
  const status = useStreamStatus();
  return (
    <aside className="sidebar">
      <div className="brand">
        <div className="brand-mark">
          <Icon name="shield" />
        </div>
        <div>
          <div className="brand-name">AegisGate</div>
          <div className="brand-sub">Privacy gateway</div>
        </div>
      </div>
      <UpstreamChip />
      <nav className="nav" aria-label="Pages">
        {NAV.map((item) => (
          <a
            key={item.page} href={routeHref(item.page)} aria-current={route.page === item.page ? 'page' : undefined} data-testid={`nav-${item.page}`}
            title={item.label}
          >
            <Icon name={item.icon} />
            <span>{item.label}</span>
            {item.page === 'confirmations' && pendingCount > 0 && (
              <span className="count" data-testid="pending-count" aria-label={`${pendingCount} waiting`}>
                {pendingCount}
              </span>
            )}
          </a>
        ))}
      </nav>
      <div className="sidebar-foot">
        <div className={`conn ${status}`} data-testid="stream-status" data-status={status} title="Event stream">
          <span className="pulse" />
          <span className="conn-label">{STATUS_TEXT[status]}</span>
        </div>
        {onLogout && (
          // At narrow widths (800 px) the label hides, never the button: signing out stays one click away.
          <button type="button" className="btn ghost sm" onClick={onLogout} aria-label="Sign out" title="Sign out" data-testid="sign-out">
            <Icon name="logout" />
            <span className="hide-narrow">Sign out</span>
          </button>
        )}
      </div>
    </aside>
  );
}
