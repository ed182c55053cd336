import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, createApi, type Api } from '../api.js';
import { hostToken } from '../dom/host.js';
import { takeLoginToken } from '../dom/login-token.js';
import { tokenFromHash } from '../lib/login-token.js';

export type SignedOutReason = 'unauthorized' | 'login-failed' | 'logged-out' | 'unreachable';
export type AuthState = { kind: 'checking' } | { kind: 'in' } | { kind: 'out'; reason: SignedOutReason };

// Module-level so React's development double effects cannot spend the one-time token twice.
let boot: Promise<AuthState> | undefined;

async function signIn(api: Api, bearer: string | undefined): Promise<AuthState> {
  const token = takeLoginToken();
  if (token !== undefined && bearer === undefined) {
    try {
      await api.login(token);
    } catch (err) {
      return { kind: 'out', reason: err instanceof ApiError && err.status < 500 ? 'login-failed' : 'unreachable' };
    }
  }
  return check(api);
}

async function check(api: Api): Promise<AuthState> {
  try {
    await api.health();
    return { kind: 'in' };
  } catch (err) {
    return { kind: 'out', reason: err instanceof ApiError && err.status === 401 ? 'unauthorized' : 'unreachable' };
  }
}

/**
 * Who we are to the gateway: Electron's preload token as a bearer header, or the session cookie a
 * one-time login link set. Any 401, from any call, signs the dashboard out.
 */
export function useAuth() {
  const [state, setState] = useState<AuthState>({ kind: 'checking' });
  const bearer = hostToken();
  const api = useMemo(
    () => createApi({ bearer, onUnauthorized: () => setState((s) => (s.kind === 'out' ? s : { kind: 'out', reason: 'unauthorized' })) }),
    [bearer],
  );

  useEffect(() => {
    let live = true;
    boot ??= signIn(api, bearer);
    void boot.then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, [api, bearer]);

  // A login link pasted into a tab that already shows the dashboard only changes the fragment.
  useEffect(() => {
    if (bearer !== undefined) return;
    const onHash = () => {
      if (tokenFromHash(window.location.hash) === undefined) return;
      setState({ kind: 'checking' });
      void signIn(api, bearer).then(setState);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [api, bearer]);

  const retry = useCallback(() => {
    setState({ kind: 'checking' });
    void check(api).then(setState);
  }, [api]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Signed out here either way; a session the server still holds expires on its own.
    }
    setState({ kind: 'out', reason: 'logged-out' });
  }, [api]);

  return { state, api, logout: bearer === undefined ? logout : undefined, retry };
}
