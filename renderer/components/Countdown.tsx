import { formatCountdown } from '../lib/format.js';
import { Icon } from './Icon.js';

/** How urgent a held item is, by time left: the list keeps arrival order and shows urgency by colour. */
export const urgency = (remainingMs: number): '' | 'warn' | 'danger' => (remainingMs < 10_000 ? 'danger' : remainingMs < 20_000 ? 'warn' : '');

/** Time left before the timeout default applies, as m:ss and a draining bar; stopped while frozen. */
export function Countdown({ remainingMs: raw, totalMs, frozen, then, onExtend }: { remainingMs: number; totalMs: number; frozen: boolean; then: string; onExtend: () => void }) {
  const remainingMs = Math.max(0, raw);
  const fraction = Math.max(0, Math.min(1, remainingMs / Math.max(totalMs, remainingMs, 1)));
  const tone = frozen ? '' : urgency(remainingMs);
  return (
    <div className={`countdown ${tone}${frozen ? ' frozen' : ''}`} data-testid="countdown" data-remaining={Math.round(remainingMs)} data-frozen={frozen || undefined}>
      <div className="countdown-label">
        {frozen ? (
          <span className="frozen-label" title="You are looking at it: the clock stands still until you look away">
            <Icon name="pause" /> frozen
          </span>
        ) : (
          <Icon name="clock" />
        )}
        <span className="num">{formatCountdown(remainingMs)}</span>
      </div>
      <div className={`progress ${tone}`} role="progressbar" aria-label="Time left" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <span style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="row countdown-then">
        <span className="grow">{then}</span>
        <button type="button" className="btn ghost xs" onClick={onExtend} data-testid="extend" aria-label="One more minute to decide">
          +1 min
        </button>
      </div>
    </div>
  );
}
