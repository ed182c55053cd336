import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ApiFamily } from '../shared/shape.js';
import { errorBody, isFinal, statusFor, type GatewayError } from '../errors.js';

export const ERROR_CODE_HEADER = 'x-aegis-error';

/** Headers for any error the gateway answers itself. */
export function errorHeaders(err: GatewayError, body: string): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    [ERROR_CODE_HEADER]: err.code,
  };
  if (err.retryAfter !== undefined) headers['retry-after'] = String(err.retryAfter);
  // The OpenAI and Anthropic SDKs (and Claude Code) obey this over their own status-based rules.
  if (isFinal(err)) headers['x-should-retry'] = 'false';
  return headers;
}

/** Writes a provider-shaped error on a raw response whose headers have not gone out yet. */
export function writeError(res: ServerResponse, provider: ApiFamily, err: GatewayError): void {
  const body = errorBody(provider, err);
  res.writeHead(statusFor(provider, err), errorHeaders(err, body));
  res.end(body);
}
