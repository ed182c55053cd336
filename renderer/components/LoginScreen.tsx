import type { SignedOutReason } from '../hooks/useAuth.js';
import { Icon } from './Icon.js';

const HEADLINE: Record<SignedOutReason, string> = {
  unauthorized: 'Sign in to AegisGate',
  'login-failed': 'That login link has already been used',
  'logged-out': 'You are signed out',
  unreachable: 'Can’t reach the gateway',
};

export function LoginScreen({ reason, onRetry }: { reason: SignedOutReason; onRetry: () => void }) {
  const unreachable = reason === 'unreachable';
  return (
    <div className="login">
      <div className="login-card card" data-testid="login-screen" data-reason={reason}>
        <div className="brand-mark big">
          <Icon name={unreachable ? 'alert' : 'shieldCheck'} />
        </div>
        <h1>{HEADLINE[reason]}</h1>
        {unreachable ? (
          <p className="text-2">The dashboard could not talk to the AegisGate gateway. Check that it is still running, then try again.</p>
        ) : (
          <>
            <p className="text-2">
              The dashboard needs a session. Open the login link printed by <code>aegisgate serve</code>, or run <code>aegisgate login</code> to
              get a fresh one.
            </p>
            {reason === 'login-failed' && <p className="muted small">Login links work once and expire quickly, so a link from an old terminal or a bookmark will not sign you in.</p>}
            <pre className="code">$ aegisgate login</pre>
          </>
        )}
        <button type="button" className="btn" onClick={onRetry}>
          {unreachable ? 'Try again' : 'Check again'}
        </button>
      </div>
    </div>
  );
}
