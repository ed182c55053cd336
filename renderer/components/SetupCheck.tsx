import { useEffect, useState } from 'react';
import type { ConnectCheck, SeenRequest } from '../../gateway/admin/contract.js';
import { useApi } from '../hooks/useApi.js';
import { formatDateTime } from '../lib/format.js';

const POLL_MS = 1000;

const describe = (s: SeenRequest) => `${s.app} → ${s.provider} ${s.route}, status ${s.status}${s.errorCode ? ` (${s.errorCode})` : ''}`;

/**
 * "Test this setup": asks the gateway to watch for the first request from the selected tool (its app
 * name, or the client key picked above), then shows it — so a user knows their traffic really arrives.
 */
export function SetupCheck({ app, keyId, title }: { app: string; keyId: string | undefined; title: string }) {
  const api = useApi();
  const [check, setCheck] = useState<ConnectCheck>();
  const [error, setError] = useState<string>();

  // A different tool or key is a different question.
  useEffect(() => setCheck(undefined), [app, keyId]);

  useEffect(() => {
    if (!check || check.seen || check.expiresAt <= Date.now()) return;
    const timer = setTimeout(() => {
      api.connectCheck(check.id).then((r) => setCheck(r.check), (err: unknown) => setError(String(err)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [api, check]);

  const start = () => {
    setError(undefined);
    api.startConnectCheck(keyId ? { keyId } : { app }).then((r) => setCheck(r.check), (err: unknown) => setError(String(err)));
  };

  return (
    <div className="setup-check" data-testid="setup-check">
      <button type="button" className="btn" onClick={start} data-testid="test-setup">
        {check ? 'Test again' : 'Test this setup'}
      </button>
      {error && <span className="error">{error}</span>}
      {check && !check.seen && (
        <p className="muted small" role="status">
          Waiting for the first request from {keyId ? 'the selected client key' : title} — run it now.
          {check.others.length > 0 && <> Seen meanwhile from other apps: {check.others.map(describe).join('; ')}.</>}
        </p>
      )}
      {check?.seen && (
        <p className="small" role="status" data-testid="setup-seen">
          Received at {formatDateTime(check.seen.time, true)}: {describe(check.seen)}
          {check.seen.userAgent && <span className="muted mono"> · {check.seen.userAgent}</span>}
        </p>
      )}
    </div>
  );
}
