import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 connection-specific fields, plus the legacy ones proxies also drop. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'proxy-authenticate', 'proxy-authorization',
]);

/**
 * Never sent upstream: hop-by-hop fields, `host` (the dispatcher sets the provider's), the length
 * (recomputed for the body we send), browser-only and gateway-only fields (the dashboard cookie,
 * client keys, request signatures), and `accept-encoding`, replaced by identity so bodies can be read.
 * `expect` is answered by the gateway itself (Node sends the 100 Continue) and undici refuses it.
 */
const DROP_UPSTREAM = new Set([
  ...HOP_BY_HOP, 'host', 'content-length', 'accept-encoding', 'cookie', 'origin', 'referer',
  'x-aegis-key', 'x-aegis-app', 'x-aegis-timestamp', 'x-aegis-nonce', 'x-aegis-signature',
  'expect',
]);

/** Never relayed to the client: hop-by-hop fields and what the gateway recomputes. */
const DROP_DOWNSTREAM = new Set([...HOP_BY_HOP, 'content-length', 'content-encoding', 'set-cookie']);

/** Extra names the sender listed in `Connection` are hop-by-hop too. */
function connectionListed(value: string | string[] | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  const names = (Array.isArray(value) ? value.join(',') : value).split(',').map((s) => s.trim().toLowerCase());
  return names.length > 0 ? new Set(names) : undefined;
}

/** A credential that replaces whatever the client sent (managed provider keys). */
export interface UpstreamCredential {
  header: 'authorization' | 'x-api-key';
  value: string;
}

export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  loopHeader: string,
  loopValue: string,
  credential?: UpstreamCredential,
): Record<string, string | string[]> {
  const listed = connectionListed(incoming.connection);
  const out: Record<string, string | string[]> = {};
  for (const name in incoming) {
    const value = incoming[name];
    if (value === undefined || DROP_UPSTREAM.has(name) || listed?.has(name) || name.startsWith('sec-fetch-')) continue;
    if (credential && (name === 'authorization' || name === 'x-api-key')) continue;
    out[name] = value;
  }
  if (credential) out[credential.header] = credential.value;
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
