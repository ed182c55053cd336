import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GatewayError } from '../../errors.js';
import { SealedLoginBodySchema, SessionBodySchema, type LoginLink, type SealedLoginBody, type SealedLoginLink, type SessionBody, type SessionResponse } from '../contract.js';
import { loginMac, macMatches, sealLoginLink } from '../login-proof.js';
import { SESSION_COOKIE, SESSION_COOKIE_OPTIONS } from '../session-credential.js';
import type { DashboardSessions } from '../sessions.js';
import type { AdminToken } from '../../auth/admin-token.js';

export interface SessionRouteOptions {
  sessions: DashboardSessions;
  token: AdminToken;
}

/**
 * Signing in and out are made by the dashboard's own page, so they must name it as their `Origin`
 * (a foreign one never gets this far): that keeps other local programs and pages from planting or
 * dropping a session, and lets the desktop shell exchange the admin token for the same cookie.
 */
function requireOwnPage(req: FastifyRequest): void {
  if (req.headers.origin === undefined) throw new GatewayError('GW_ERR_ADMIN_ORIGIN', 'sign-in is only accepted from the dashboard page');
}

/** Dashboard login: a one-time login token (or the admin token) → an HttpOnly session cookie; logout; fresh login links. */
export async function sessionRoutes(app: FastifyInstance, opts: SessionRouteOptions): Promise<void> {
  const { sessions, token } = opts;

  app.post<{ Body: SessionBody }>('/session', { schema: { body: SessionBodySchema }, config: { adminPublic: true } }, async (req, reply) => {
    requireOwnPage(req);
    // Consume a one-time token only after the admin-token check failed, so the admin token never burns one.
    if (!token.matches(req.body.token) && !sessions.consumeLoginToken(req.body.token)) {
      throw new GatewayError('GW_ERR_ADMIN_UNAUTHORIZED', 'the login link was already used, has expired, or was never issued; ask for a new one with `aegisgate login`');
    }
    const previous = req.cookies[SESSION_COOKIE];
    if (previous !== undefined) sessions.close(previous);
    const session = sessions.open();
    reply.setCookie(SESSION_COOKIE, session.value, SESSION_COOKIE_OPTIONS);
    const body: SessionResponse = { expiresAt: session.expiresAt };
    return body;
  });

  app.delete('/session', { config: { adminPublic: true } }, async (req, reply) => {
    requireOwnPage(req);
    const current = req.cookies[SESSION_COOKIE];
    if (current !== undefined) sessions.close(current);
    reply.clearCookie(SESSION_COOKIE, { path: SESSION_COOKIE_OPTIONS.path });
    return reply.code(204).send();
  });

  // The Host header was checked against this listener's own names, so it is a safe base for the link.
  app.post('/login-links', async (req): Promise<LoginLink> => sessions.loginUrl(`http://${req.headers.host}`));

  // `aegisgate login` proves it holds the token without sending it, and gets the link sealed under it.
  const seen = new Map<string, number>();
  app.post<{ Body: SealedLoginBody }>('/login-links/sealed', { schema: { body: SealedLoginBodySchema }, config: { adminPublic: true } }, async (req): Promise<SealedLoginLink> => {
    const { nonce, mac } = req.body;
    const now = Date.now();
    for (const [n, until] of seen) if (until < now) seen.delete(n);
    if (!macMatches(loginMac(token.reveal(), 'request', nonce), mac) || seen.has(nonce) || seen.size >= MAX_NONCES) {
      throw new GatewayError('GW_ERR_ADMIN_UNAUTHORIZED', 'the login request was not made with this gateway\'s admin token');
    }
    seen.set(nonce, now + NONCE_TTL_MS);
    return sealLoginLink(token.reveal(), nonce, sessions.loginUrl(`http://${req.headers.host}`));
  });
}

/** Nonces of sealed login requests are refused again for this long (a replay gets nothing new anyway). */
const NONCE_TTL_MS = 10 * 60_000;
const MAX_NONCES = 10_000;
