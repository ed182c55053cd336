import { formatCountdown } from '../lib/format.js';
import { Icon } from './Icon.js';

/** Time left before the timeout default applies, as m:ss and a draining bar. */
export function Countdown({ remainingMs: raw, totalMs, paused, then }: { remainingMs: number; totalMs: number; paused: boolean; then: string }) {
  // The server's deadline can sit a few ms beyond a full timeout from here; never show more than it.
  const remainingMs = Math.min(raw, totalMs);
  const fraction = Math.max(0, Math.min(1, remainingMs / Math.max(totalMs, 1)));
  const tone = remainingMs < 10_000 ? 'danger' : remainingMs < 20_000 ? 'warn' : '';
  return (
    <div className={`countdown ${tone}`} data-testid="countdown" data-remaining={Math.max(0, Math.round(remainingMs))}>
      <div className="countdown-label">
        {paused ? (
          <span className="paused" title="You are looking at it: the timer was reset">
            <Icon name="pause" /> held
          </span>
        ) : (
          <Icon name="clock" />
        )}
        <span className="num">{formatCountdown(remainingMs)}</span>
      </div>
      <div className={`progress ${tone}`} role="progressbar" aria-label="Time left" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <span style={{ width: `${fraction * 100}%` }} />
      </div>
      <div className="countdown-then">{then}</div>
    </div>
  );
}
