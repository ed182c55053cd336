import type { KeyObject } from 'node:crypto';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { GatewayConfig } from '../config/schema.js';
import type { NonceRepo } from '../store/types.js';
import type { RequestBody } from './parse.js';
import { hasSignatureHeaders, verifySignedRequest } from './signed-request.js';

export interface SignatureCheckParts {
  /** `auth.signing` and `auth.signingWindowSec`, read per request from the live configuration. */
  auth: () => GatewayConfig['auth'];
  key: KeyObject;
  nonces: NonceRepo;
}

type Hook = (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * The preHandler that checks a proxy request's HMAC signature: it runs after parsing because the
 * decoded body bytes are signed (so invalid JSON is a 400 before it). With `auth.signing: off` it
 * reads the setting and returns, synchronously; `optional` checks only requests carrying a header.
 */
export function signatureCheck(parts: SignatureCheckParts): Hook {
  return (req, _reply, done) => {
    const auth = parts.auth();
    if (auth.signing === 'off' || req.routeOptions.config.proxy === undefined) return done();
    if (auth.signing === 'optional' && !hasSignatureHeaders(req.headers)) return done();
    const body = req.body as RequestBody | undefined;
    verifySignedRequest(
      { method: req.method, url: req.url, headers: req.headers, body: body?.raw },
      { key: parts.key, windowSec: auth.signingWindowSec, nonces: parts.nonces },
      Date.now(),
    ).then(() => done(), done);
  };
}
