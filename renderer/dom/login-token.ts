import { tokenFromHash } from '../lib/login-token.js';

/** Reads the one-time token from the address bar and removes it from there and from history at once. */
export function takeLoginToken(loc: Location = window.location, history: History = window.history): string | undefined {
  const token = tokenFromHash(loc.hash);
  if (token !== undefined) history.replaceState(null, '', `${loc.pathname}${loc.search}`);
  return token;
}
