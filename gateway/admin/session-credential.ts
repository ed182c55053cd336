import type { CookieSerializeOptions } from '@fastify/cookie';
import { GatewayError } from '../errors.js';
import type { AdminCredential } from '../auth/admin-credentials.js';
import { SESSION_TTL_MS, type DashboardSessions } from './sessions.js';

export const SESSION_COOKIE = 'aegis_session';

/**
 * HttpOnly: page scripts never see it. SameSite=Strict: no other site's page can make the browser
 * send it. No `Secure`: the gateway speaks plain http on loopback, where browsers would drop it.
 */
export const SESSION_COOKIE_OPTIONS: CookieSerializeOptions = {
  httpOnly: true,
  sameSite: 'strict',
  path: '/',
  maxAge: SESSION_TTL_MS / 1000,
};

const READS = new Set(['GET', 'HEAD']);

/**
 * The dashboard's session cookie as an admin credential. An unknown or expired session counts as
 * absent, not wrong: browsers send cookies unasked, and one left over from before a restart must
 * not outvote a valid bearer token. A cookie-admitted write must carry its `Origin` (browsers always
 * send it on POST/PUT/DELETE); foreign origins were already refused, so this closes the rest of CSRF.
 */
export function sessionCredential(sessions: DashboardSessions): AdminCredential {
  return {
    name: 'session',
    check(req) {
      const id = req.cookies[SESSION_COOKIE];
      if (id === undefined || !sessions.isOpen(id)) return 'absent';
      if (!READS.has(req.method) && req.headers.origin === undefined) {
        throw new GatewayError('GW_ERR_ADMIN_ORIGIN', 'a dashboard session must send Origin with every change');
      }
      return 'valid';
    },
  };
}
