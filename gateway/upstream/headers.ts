import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { ApiFamily } from '../shared/shape.js';
import type { UpstreamCredential } from '../shared/credential.js';

/** RFC 9110 §7.6.1 connection-specific fields, plus the legacy ones proxies also drop. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'proxy-authenticate', 'proxy-authorization',
]);

/**
 * The request headers a provider's API reads, and the only ones sent upstream (DESIGN.md principle 7):
 * any other header could carry a value the scanner never saw (`x-user-email: …`). Hop-by-hop fields,
 * `Expect`, `Host`, the length and the encoding are never listed: the gateway sets its own.
 */
const COMMON_HEADERS = [
  'content-type', 'accept', 'user-agent', 'idempotency-key',
  // W3C trace context and the request ids the SDKs set for support tickets.
  'traceparent', 'tracestate', 'x-request-id', 'x-client-request-id',
];
export const PROVIDER_HEADERS: Record<ApiFamily, readonly string[]> = {
  // `api-key`: Azure OpenAI's credential header; `originator`, `session_id`, `conversation_id`: Codex (prompt caching).
  openai: [...COMMON_HEADERS, 'authorization', 'api-key', 'openai-organization', 'openai-project', 'openai-beta', 'originator', 'session_id', 'conversation_id'],
  // `authorization`: Claude Code's OAuth login; `x-app` and the session id: Claude Code.
  anthropic: [...COMMON_HEADERS, 'x-api-key', 'authorization', 'anthropic-version', 'anthropic-beta', 'anthropic-dangerous-direct-browser-access', 'x-app', 'x-claude-code-session-id'],
};
/** The SDKs' platform and retry headers (`x-stainless-os`, `x-stainless-retry-count`, …), both providers. */
const SDK_PREFIX = 'x-stainless-';

/** Which request header names go to one provider: exact names, and name prefixes. */
export interface HeaderAllowlist {
  readonly names: ReadonlySet<string>;
  readonly prefixes: readonly string[];
}

/**
 * Compiled once per configuration: the provider's list plus `upstream.forwardHeaders`, the user's own
 * additions (`name`, or `prefix*`). Hop-by-hop fields and `Expect` stay dropped even when listed.
 */
export function headerAllowlist(provider: ApiFamily, extra: readonly string[] = []): HeaderAllowlist {
  const names = new Set(PROVIDER_HEADERS[provider]);
  const prefixes = [SDK_PREFIX];
  for (const raw of extra) {
    const name = raw.toLowerCase();
    if (name.endsWith('*')) prefixes.push(name.slice(0, -1));
    else names.add(name);
  }
  return { names, prefixes };
}

const allows = (allow: HeaderAllowlist, name: string): boolean => allow.names.has(name) || allow.prefixes.some((p) => name.startsWith(p));

/** Never relayed to the client: hop-by-hop fields and what the gateway recomputes. */
const DROP_DOWNSTREAM = new Set([...HOP_BY_HOP, 'content-length', 'content-encoding', 'set-cookie']);

/**
 * Dropped even when a user lists them: the gateway frames, encodes and routes the request itself
 * (`expect` is answered here: Node sends the 100 Continue, and undici refuses the header), and the
 * gateway's own credentials (client keys, request signatures, the dashboard cookie) stay here.
 */
const NEVER_UPSTREAM = new Set([
  ...HOP_BY_HOP, 'expect', 'host', 'content-length', 'content-encoding', 'accept-encoding', 'cookie',
  'x-aegis-key', 'x-aegis-app', 'x-aegis-timestamp', 'x-aegis-nonce', 'x-aegis-signature',
]);

const PLAIN_CONNECTION = /^[ \t]*keep-alive[ \t]*$/i;

/** Extra names the sender listed in `Connection` are hop-by-hop too. */
function connectionListed(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  // `keep-alive`, nearly every response's value, names a field dropped anyway: no split and no set for it.
  if (typeof value === 'string' && PLAIN_CONNECTION.test(value)) return undefined;
  const names = (Array.isArray(value) ? value.join(',') : value).split(',').map((s) => s.trim().toLowerCase());
  return names.length > 0 ? new Set(names) : undefined;
}


const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'api-key'] as const;
/** A gateway client key (`agk_…`, bare or as a Bearer token): it authenticates to the gateway only. */
const CLIENT_KEY = /^(Bearer[ \t]+)?agk_/i;

/**
 * The provider key a client sent itself, in whichever header its SDK uses (`Authorization: Bearer`,
 * `x-api-key`, Azure's `api-key`); never a gateway client key.
 */
export function clientProviderKey(incoming: IncomingHttpHeaders): string | undefined {
  for (const name of CREDENTIAL_HEADERS) {
    const value = incoming[name];
    if (typeof value !== 'string' || CLIENT_KEY.test(value)) continue;
    const key = name === 'authorization' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value)?.[1] : value.trim();
    if (key) return key;
  }
  return undefined;
}

/** The headers sent upstream: the provider's allowlist, less any the client named in `Connection`, plus the gateway's own. */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  loopHeader: string,
  loopValue: string,
  credential: UpstreamCredential | undefined,
  allow: HeaderAllowlist,
  fixed?: Readonly<Record<string, string>>,
): Record<string, string | string[]> {
  const listed = connectionListed(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || listed?.has(name) || NEVER_UPSTREAM.has(name) || !allows(allow, name)) continue;
    if (name === 'authorization' || name === 'x-api-key' || name === 'api-key') {
      // A managed or moved credential replaces the client's; a gateway client key never leaves.
      if (credential || (typeof value === 'string' && CLIENT_KEY.test(value))) continue;
    }
    out[name] = value;
  }
  // The provider's fixed headers (config) win over the client's; the gateway's own come last.
  if (fixed) for (const name in fixed) out[name.toLowerCase()] = fixed[name]!;
  if (credential) out[credential.header] = credential.header === 'authorization' ? `Bearer ${credential.key}` : credential.key;
  out['accept-encoding'] = 'identity';
  out[loopHeader] = loopValue;
  return out;
}

export function downstreamResponseHeaders(upstream: Record<string, string | string[] | undefined>): OutgoingHttpHeaders {
  const listed = connectionListed(upstream.connection);
  const out: OutgoingHttpHeaders = {};
  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || DROP_DOWNSTREAM.has(name) || listed?.has(name)) continue;
    out[name] = value;
  }
  return out;
}
