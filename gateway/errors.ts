import type { ApiFamily } from './shared/shape.js';

/**
 * The catalogue of every error the gateway itself produces. Codes are stable API: clients, docs and
 * tests match on them. Each entry says its HTTP status and the provider error `type` it maps to.
 * A test checks that every code here appears in the README's error table.
 */
type ErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'overloaded_error'
  | 'timeout_error';

interface ErrorSpec {
  readonly status: number;
  readonly type: ErrorType;
  readonly message: string;
  /** A different status on Anthropic routes, where the usual one would be misread (see FINAL below). */
  readonly anthropicStatus?: number;
  /** A refusal that stays the same however often it is retried: sent with `x-should-retry: false`. */
  readonly final?: true;
}

const spec = (status: number, type: ErrorType, message: string): ErrorSpec => ({ status, type, message });

/**
 * A user's or a rule's "no" that no retry can change. The status is chosen from each client's own
 * retry rules (docs/agents.md): Codex retries every HTTP error but 400 (and 429/5xx at two levels);
 * the OpenAI and Anthropic SDKs and the Vercel AI SDK retry 408, 409, 429 and 5xx and obey
 * `x-should-retry`; Claude Code shows 401/403 as "Failed to authenticate" and answers an unexplained
 * 400 or 422 by resending without its beta features. So: 400 on OpenAI routes, 451 on Anthropic ones.
 */
const final = (message: string): ErrorSpec => ({ status: 400, type: 'invalid_request_error', message, anthropicStatus: 451, final: true });

export const ERRORS = {
  GW_ERR_BOUNDARY_HOST: spec(403, 'permission_error', 'Host header does not name this gateway'),
  GW_ERR_BOUNDARY_BROWSER: spec(403, 'permission_error', 'Browser requests are not accepted on proxy routes'),
  GW_ERR_BOUNDARY_LOOP: spec(508, 'invalid_request_error', 'Request already passed through an AegisGate gateway'),
  GW_ERR_BOUNDARY_TARGET: spec(400, 'invalid_request_error', 'The request target must be a path, not an absolute URL'),
  GW_ERR_BOUNDARY_BAD_URL: spec(400, 'invalid_request_error', 'The request path is not valid percent-encoding'),
  GW_ERR_BOUNDARY_WEBSOCKET: spec(426, 'invalid_request_error', 'WebSocket is not supported on API routes; use HTTP (POST, with "stream": true for streaming)'),
  GW_ERR_BODY_MEDIA_TYPE: spec(415, 'invalid_request_error', 'Content-Type must be application/json'),
  GW_ERR_BODY_TOO_LARGE: spec(413, 'request_too_large', 'Request body exceeds the size limit'),
  GW_ERR_BODY_INVALID_JSON: spec(400, 'invalid_request_error', 'Request body is not valid JSON'),
  GW_ERR_BODY_FORBIDDEN_KEY: spec(400, 'invalid_request_error', 'Request body contains a forbidden key (__proto__ or constructor.prototype)'),
  GW_ERR_BODY_TOO_DEEP: spec(400, 'invalid_request_error', 'Request body nests deeper than the depth limit'),
  GW_ERR_BODY_TOO_MANY_MESSAGES: spec(400, 'invalid_request_error', 'Request has more messages than the limit'),
  GW_ERR_BODY_STRING_TOO_LONG: spec(400, 'invalid_request_error', 'A string in the request body exceeds the length limit'),
  GW_ERR_AUTH_REQUIRED: spec(401, 'authentication_error', 'A gateway client key is required'),
  GW_ERR_AUTH_INVALID_KEY: spec(401, 'authentication_error', 'The gateway client key is unknown or revoked'),
  GW_ERR_AUTH_THROTTLED: spec(429, 'rate_limit_error', 'Too many failed authentications; retry later'),
  GW_ERR_AUTH_SIGNATURE: spec(401, 'authentication_error', 'The request signature is missing or does not match'),
  GW_ERR_AUTH_TIMESTAMP: spec(401, 'authentication_error', 'The signed timestamp is outside the accepted window'),
  GW_ERR_AUTH_REPLAY: spec(401, 'authentication_error', 'This signed request was already used'),
  GW_ERR_RATE_LIMITED: spec(429, 'rate_limit_error', 'Request rate limit reached for this client'),
  GW_ERR_CONCURRENCY_LIMITED: spec(429, 'rate_limit_error', 'Too many requests in flight for this client'),
  GW_ERR_PROVIDER_KEY_MISSING: spec(503, 'api_error', 'The provider is set to use a managed key, but none is stored'),
  GW_ERR_ADMIN_UNAUTHORIZED: spec(401, 'authentication_error', 'Admin token missing or wrong'),
  GW_ERR_ADMIN_ORIGIN: spec(403, 'permission_error', 'Admin requests from another origin are refused'),
  GW_ERR_ADMIN_BAD_REQUEST: spec(400, 'invalid_request_error', 'Invalid admin request'),
  GW_ERR_ADMIN_NOT_FOUND: spec(404, 'not_found_error', 'No such admin resource'),
  GW_ERR_ADMIN_CONFLICT: spec(409, 'invalid_request_error', 'The admin resource is no longer in a state that allows this'),
  GW_ERR_CONFIG_INVALID: spec(400, 'invalid_request_error', 'Invalid configuration'),
  GW_ERR_RULE_UNKNOWN_DETECTOR: spec(400, 'invalid_request_error', 'The rule names a detector the gateway does not have'),
  GW_ERR_RULE_NEVER_MATCHES: spec(400, 'invalid_request_error', 'The rule can never match a finding'),
  GW_ERR_RULE_NEEDS_CONFIRMATION: spec(409, 'invalid_request_error', 'The rule turns protection off; confirm what it disables'),
  GW_ERR_SCAN_FAILED: spec(500, 'api_error', 'The request could not be scanned, so it was not forwarded'),
  GW_ERR_SCAN_UNSUPPORTED_BODY: spec(422, 'invalid_request_error', 'Binary data in this body contains sensitive data and cannot be redacted, so it was not forwarded'),
  GW_ERR_VAULT_UNAVAILABLE: spec(503, 'api_error', 'Placeholder mappings could not be stored, so the request was not forwarded'),
  GW_ERR_POLICY_BLOCKED: final('A policy rule in AegisGate blocks this request'),
  GW_ERR_CONFIRM_QUEUE_FULL: spec(429, 'rate_limit_error', 'Too many requests are waiting for confirmation'),
  GW_ERR_CONFIRM_DENIED: final('The user denied this request in AegisGate'),
  GW_ERR_CONFIRM_TIMEOUT: final('Nobody confirmed this request in AegisGate in time, and the default is to deny'),
  GW_ERR_ROUTE_NOT_FOUND: spec(404, 'not_found_error', 'No such route'),
  GW_ERR_SHUTTING_DOWN: spec(503, 'overloaded_error', 'Gateway is shutting down'),
  GW_ERR_UPSTREAM_QUEUE_FULL: spec(503, 'overloaded_error', 'Too many requests waiting for an upstream connection'),
  GW_ERR_UPSTREAM_UNREACHABLE: spec(502, 'api_error', 'Upstream refused or dropped the connection'),
  GW_ERR_UPSTREAM_CONNECT_TIMEOUT: spec(504, 'timeout_error', 'Timed out connecting to upstream'),
  GW_ERR_UPSTREAM_HEADERS_TIMEOUT: spec(504, 'timeout_error', 'Upstream did not send response headers in time'),
  GW_ERR_UPSTREAM_BODY_TIMEOUT: spec(504, 'timeout_error', 'Upstream stopped sending the response body'),
  GW_ERR_UPSTREAM_REDIRECT: spec(502, 'api_error', 'Upstream answered with a redirect, which the gateway never follows'),
  GW_ERR_UPSTREAM_RESPONSE_TOO_LARGE: spec(502, 'api_error', 'Upstream response exceeds the size limit'),
  GW_ERR_UPSTREAM_BAD_RESPONSE: spec(502, 'api_error', 'Upstream response could not be decoded'),
  GW_ERR_TRANSLATE_UNSUPPORTED: spec(400, 'invalid_request_error', "The request uses a feature the routed provider's API cannot express, so it was not forwarded"),
  GW_ERR_STREAM_EVENT_TOO_LARGE: spec(502, 'api_error', 'An upstream stream event exceeds the event size limit'),
  GW_ERR_STREAM_TOO_LARGE: spec(502, 'api_error', 'Upstream stream exceeds the total size limit'),
  GW_ERR_STREAM_TOO_LONG: spec(504, 'timeout_error', 'Upstream stream exceeds the duration limit'),
  GW_ERR_AUDIT_BACKPRESSURE: spec(503, 'overloaded_error', 'The audit trail cannot keep up; retry shortly'),
  GW_ERR_CLIENT_CLOSED: spec(499, 'invalid_request_error', 'Client closed the connection before the response finished'),
  GW_ERR_INTERNAL: spec(500, 'api_error', 'Internal gateway error'),
  GW_ERR_METHOD_NOT_ALLOWED: spec(405, 'invalid_request_error', 'Method not allowed on this route'),
  GW_ERR_SCAN_TOO_MANY_FINDINGS: spec(413, 'request_too_large', 'The request holds more sensitive values than the per-request limit'),
  GW_ERR_CONFIG_OVERRIDDEN: spec(409, 'invalid_request_error', 'A command-line flag sets this field for this run, so the change could not take effect'),
  GW_ERR_NONCE_STORE_UNAVAILABLE: spec(503, 'overloaded_error', 'Redis is unreachable, so a signed request cannot be checked for replay; nothing was forwarded'),
  GW_ERR_STORE_UNAVAILABLE: spec(503, 'api_error', 'The gateway could not store or read what this request needs (disk full, failing store, or PostgreSQL unreachable), so it was not forwarded'),
  GW_ERR_BODY_ENCODING_UNSUPPORTED: spec(415, 'invalid_request_error', 'Content-Encoding must be gzip, deflate, br or identity'),
  GW_ERR_BODY_ENCODING_INVALID: spec(400, 'invalid_request_error', 'The request body is not valid data of its Content-Encoding'),
  GW_ERR_BODY_DECOMPRESSION_LIMIT: spec(413, 'request_too_large', 'The compressed request body expands past the decoded size or expansion ratio limit'),
  GW_ERR_SCAN_UNSAFE_TARGET: spec(422, 'invalid_request_error', 'The request URL contains sensitive data where it cannot be replaced safely, so it was not forwarded'),
  GW_ERR_PROVIDER_UNKNOWN: spec(404, 'not_found_error', 'No provider of that name is configured'),
  GW_ERR_RELAY_DISABLED: spec(404, 'not_found_error', 'The relay endpoint is off (relay.enabled in the config)'),
  GW_ERR_RELAY_INVALID: spec(400, 'invalid_request_error', 'The relay request is not valid: send prompt or messages, and model'),
  GW_ERR_OVERLOADED: spec(503, 'overloaded_error', 'The gateway is at its configured load limit; retry shortly'),
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** An error the gateway answers itself, in the caller's provider shape. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds, sent as `Retry-After` when set. */
  readonly retryAfter: number | undefined;
  /** The detail is of the gateway's own making (a limit, a pending id), safe to show even on a 5xx. */
  readonly exposeDetail: boolean;

  constructor(code: ErrorCode, detail?: string, options?: GatewayErrorOptions) {
    const base = ERRORS[code];
    super(detail ? `${base.message}: ${detail}` : base.message, { cause: options?.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = base.status;
    this.retryAfter = options?.retryAfter;
    this.exposeDetail = options?.exposeDetail ?? false;
  }
}

export interface GatewayErrorOptions {
  retryAfter?: number;
  exposeDetail?: boolean;
  cause?: unknown;
}

export const isGatewayError = (err: unknown): err is GatewayError => err instanceof GatewayError;

/** The HTTP status `err` is answered with on a `provider` route. */
export const statusFor = (provider: ApiFamily, err: GatewayError): number =>
  (provider === 'anthropic' ? (ERRORS[err.code] as ErrorSpec).anthropicStatus : undefined) ?? err.status;

/** True for refusals a retry cannot change (denied, timed out, blocked by a rule). */
export const isFinal = (err: GatewayError): boolean => (ERRORS[err.code] as ErrorSpec).final === true;

/**
 * What a client of the `provider` API family expects for an error, with the gateway code added
 * (OpenAI `{"error":{...}}`, Anthropic `{"type":"error","error":{...}}`).
 */
export function errorPayload(provider: ApiFamily, err: GatewayError): object {
  const spec = ERRORS[err.code];
  // 5xx details may come from exceptions (hostnames, paths): show them only when we made them.
  const message = err.status >= 500 && !err.exposeDetail ? spec.message : err.message;
  if (provider === 'anthropic') return { type: 'error', error: { type: spec.type, message, code: err.code } };
  return { error: { message, type: spec.type, param: null, code: err.code } };
}

export const errorBody = (provider: ApiFamily, err: GatewayError): string => JSON.stringify(errorPayload(provider, err));
