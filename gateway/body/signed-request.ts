import type { IncomingHttpHeaders } from 'node:http';
import type { KeyObject } from 'node:crypto';
import { GatewayError } from '../errors.js';
import type { NonceRepo } from '../store/types.js';
import {
  NONCE_HEADER, NONCE_SHAPE, SIGNATURE_HEADER, SIGNATURE_SHAPE, TIMESTAMP_HEADER, TIMESTAMP_SHAPE,
  signatureMatches, splitTarget,
} from './signature.js';

export interface SignedRequest {
  method: string;
  /** The request target as sent (path and query). */
  url: string;
  headers: IncomingHttpHeaders;
  /** The exact body bytes, or undefined when there was no body. */
  body: Uint8Array | undefined;
}

export interface SigningCheck {
  key: KeyObject;
  windowSec: number;
  nonces: NonceRepo;
}

const EMPTY = new Uint8Array(0);

/** True when a request carries any of the signature headers (what `auth.signing: optional` checks for). */
export const hasSignatureHeaders = (headers: IncomingHttpHeaders): boolean =>
  headers[SIGNATURE_HEADER] !== undefined || headers[TIMESTAMP_HEADER] !== undefined || headers[NONCE_HEADER] !== undefined;

/**
 * Checks a signed request in the order that keeps it cheap and unabusable: the timestamp window,
 * then the signature in constant time, and only then the nonce, recorded durably with
 * insert-if-absent. A nonce is stored only for a request we know was signed with our key, so an
 * attacker cannot burn nonces; it is kept until its timestamp leaves the window, after which the
 * window check alone refuses it. Throws GW_ERR_AUTH_SIGNATURE, _TIMESTAMP or _REPLAY.
 */
export async function verifySignedRequest(req: SignedRequest, check: SigningCheck, nowMs: number): Promise<void> {
  const { headers } = req;
  const timestamp = headers[TIMESTAMP_HEADER];
  const nonce = headers[NONCE_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof signature !== 'string') {
    throw new GatewayError('GW_ERR_AUTH_SIGNATURE', 'x-aegis-timestamp, x-aegis-nonce and x-aegis-signature are required');
  }
  const ts = TIMESTAMP_SHAPE.test(timestamp) ? Number(timestamp) : NaN;
  if (!(Math.abs(nowMs / 1000 - ts) <= check.windowSec)) {
    throw new GatewayError('GW_ERR_AUTH_TIMESTAMP', `allowed skew is ${check.windowSec} s`);
  }
  if (!NONCE_SHAPE.test(nonce) || !SIGNATURE_SHAPE.test(signature)) throw new GatewayError('GW_ERR_AUTH_SIGNATURE');
  const { path, query } = splitTarget(req.url);
  const parts = {
    timestamp, nonce, method: req.method, path, query,
    contentType: headers['content-type'] ?? '',
    body: req.body ?? EMPTY,
  };
  if (!signatureMatches(check.key, parts, signature)) throw new GatewayError('GW_ERR_AUTH_SIGNATURE');
  const expiresAt = (ts + check.windowSec + 1) * 1000;
  if (!(await check.nonces.insertIfAbsent(nonce, expiresAt))) throw new GatewayError('GW_ERR_AUTH_REPLAY');
}
