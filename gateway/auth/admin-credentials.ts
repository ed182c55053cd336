import type { FastifyRequest } from 'fastify';
import type { AdminToken } from './admin-token.js';

/**
 * One way a request may prove it is the user's: the admin token as a bearer header today, a
 * dashboard session cookie later (issue 6). The guard asks each in turn; one `valid` admits the
 * request, and a presented-but-wrong credential is never outvoted by an absent one.
 */
export type CredentialVerdict = 'valid' | 'invalid' | 'absent';

export interface AdminCredential {
  /** For logs and docs, e.g. `bearer`, `session`. */
  readonly name: string;
  check(req: FastifyRequest): CredentialVerdict | Promise<CredentialVerdict>;
}

const BEARER = /^bearer[ \t]+(\S+)[ \t]*$/i;

export function bearerCredential(token: AdminToken): AdminCredential {
  return {
    name: 'bearer',
    check(req) {
      const header = req.headers.authorization;
      if (header === undefined) return 'absent';
      const m = BEARER.exec(header);
      return m !== null && token.matches(m[1]) ? 'valid' : 'invalid';
    },
  };
}

/** `valid` when some credential is valid and none presented is wrong; otherwise the request is refused. */
export async function authenticate(req: FastifyRequest, credentials: readonly AdminCredential[]): Promise<boolean> {
  let valid = false;
  for (const credential of credentials) {
    const verdict = await credential.check(req);
    if (verdict === 'invalid') return false;
    if (verdict === 'valid') valid = true;
  }
  return valid;
}
