import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-aegis-timestamp';
export const NONCE_HEADER = 'x-aegis-nonce';
export const SIGNATURE_HEADER = 'x-aegis-signature';

export const NONCE_SHAPE = /^[A-Za-z0-9_-]{8,128}$/;
export const SIGNATURE_SHAPE = /^[0-9a-f]{64}$/;
export const TIMESTAMP_SHAPE = /^[0-9]{1,12}$/;

/** Everything a request signature covers. */
export interface SignedParts {
  /** Unix seconds, as sent. */
  timestamp: string;
  nonce: string;
  /** As sent (uppercase for every method a client uses). */
  method: string;
  /** The request target's path, without the query, exactly as sent (not decoded). */
  path: string;
  /** The query without `?`, '' when there is none. */
  query: string;
  /** The Content-Type header as sent, '' when absent. */
  contentType: string;
  /** The exact body bytes; empty when there is no body. */
  body: Uint8Array;
}

/**
 * `ts\nnonce\nMETHOD\npath\nquery\ncontent-type\n\n`, followed by the body bytes. Unambiguous because
 * none of the fields can hold a newline: HTTP forbids one in the request line and header values, and
 * the timestamp and nonce are checked against their shapes before any signature is computed.
 */
export function canonicalHead(p: Omit<SignedParts, 'body'>): string {
  return `${p.timestamp}\n${p.nonce}\n${p.method}\n${p.path}\n${p.query}\n${p.contentType}\n\n`;
}

function digest(key: KeyObject, parts: SignedParts): Buffer {
  return createHmac('sha256', key).update(canonicalHead(parts), 'utf8').update(parts.body).digest();
}

/** The lowercase hex HMAC-SHA256 a client sends in `x-aegis-signature`. */
export function signRequest(key: KeyObject, parts: SignedParts): string {
  return digest(key, parts).toString('hex');
}

/** Constant-time check of a presented signature (already known to match SIGNATURE_SHAPE). */
export function signatureMatches(key: KeyObject, parts: SignedParts, signature: string): boolean {
  return timingSafeEqual(digest(key, parts), Buffer.from(signature, 'hex'));
}

/** Splits a request target into the signed path and query. */
export function splitTarget(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, query: '' } : { path: url.slice(0, q), query: url.slice(q + 1) };
}
