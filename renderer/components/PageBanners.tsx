import { routeHref } from '../hooks/useHashRoute.js';
import { useNow } from '../hooks/useNow.js';
import { usePending } from '../hooks/usePendingQueue.js';
import { useRules } from '../hooks/useRules.js';
import { unredactedRules } from '../lib/rules.js';
import { Icon } from './Icon.js';
import { OutageBanners } from './OutageBanners.js';

/**
 * What every page must say at the top: that something waits for a decision, and that a rule lets
 * findings through unredacted (a quiet mode shown as such, as Little Snitch does). The held count is
 * announced politely to screen readers as it changes.
 */
export function PageBanners({ onConfirmations }: { onConfirmations: boolean }) {
  const { items } = usePending();
  const { data } = useRules();
  const now = useNow(30_000);
  const open = data ? unredactedRules(data.rules, now) : [];
  const held = items.length;
  return (
    <div className="page-banners">
      <OutageBanners />
      <div className="sr-only" aria-live="polite" data-testid="held-announcement">
        {held > 0 ? `${held} ${held === 1 ? 'request is' : 'requests are'} waiting for your decision` : ''}
      </div>
      {held > 0 && !onConfirmations && (
        <div className="banner warn" data-testid="held-banner">
          <Icon name="hourglass" />
          <span className="grow">
            <b>{held}</b> {held === 1 ? 'request is' : 'requests are'} held until you decide.
          </span>
          <a className="btn sm" href={routeHref('confirmations')}>
            Review
          </a>
        </div>
      )}
      {open.length > 0 && (
        <div className="banner danger" data-testid="unredacted-banner" role="status">
          <Icon name="alert" />
          <span className="grow">
            Protection is off for {open.map((o) => o.scope).join('; ')}: {open.length === 1 ? 'a rule sends' : `${open.length} rules send`} them to the provider
            unredacted.
          </span>
          <a className="btn sm" href={routeHref('settings', 'policy')}>
            Review rules
          </a>
        </div>
      )}
    </div>
  );
}
