// Test-side signing, written from the documented scheme (README "Signing requests"), not from the
// gateway's own code, so a drift between the two fails the tests.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SignOptions {
  /** unix seconds; defaults to now */
  ts?: number;
  nonce?: string;
  /** sign with this key instead of the gateway's */
  secret?: Buffer;
}

export const readSecret = (dataDir: string): Buffer =>
  Buffer.from(readFileSync(join(dataDir, 'signing-key'), 'utf8').trim(), 'hex');

export const newNonce = (): string => randomBytes(16).toString('base64url');

/** The three x-aegis-* headers for a request to `target` (path and query as sent). */
export function signatureHeaders(secret: Buffer, method: string, target: string, contentType: string, body: Buffer | string, opts: SignOptions = {}): Record<string, string> {
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? '' : target.slice(q + 1);
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? newNonce();
  const signature = createHmac('sha256', opts.secret ?? secret)
    .update(`${ts}\n${nonce}\n${method}\n${path}\n${query}\n${contentType}\n\n`)
    .update(body)
    .digest('hex');
  return { 'x-aegis-timestamp': ts, 'x-aegis-nonce': nonce, 'x-aegis-signature': signature };
}

/** fetch with signature headers, usable as an SDK's `fetch` option (string or byte bodies). */
export function signingFetch(secret: Buffer): typeof fetch {
  return async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const body = init.body == null ? Buffer.alloc(0) : Buffer.from(init.body as string | Uint8Array);
    const signed = signatureHeaders(secret, method, url.pathname + url.search, headers.get('content-type') ?? '', body);
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    return fetch(url, { ...init, method, headers });
  };
}
