import type { IncomingHttpHeaders } from 'node:http';

export const CLIENT_KEY_HEADER = 'x-aegis-key';
const CLIENT_KEY_PREFIX = 'agk_';
const BEARER_CLIENT_KEY = /^Bearer[ \t]+(agk_\S*)[ \t]*$/i;

/**
 * The gateway client key a request presents, or undefined. `x-aegis-key` always counts. On a
 * provider with a managed key, tools keep using the header they already send (`Authorization:
 * Bearer agk_…` for OpenAI SDKs, `x-api-key: agk_…` for Anthropic's), so those count too when they
 * hold an `agk_` key; in passthrough mode they carry the client's own provider key and are not ours.
 */
export function presentedKey(headers: IncomingHttpHeaders, managed: boolean): string | undefined {
  const own = headers[CLIENT_KEY_HEADER];
  // Repeated headers arrive joined (or as an array) and match no key, which is the right answer.
  if (own !== undefined) return typeof own === 'string' ? own : own.join(', ');
  if (!managed) return undefined;
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const match = BEARER_CLIENT_KEY.exec(authorization);
    if (match) return match[1];
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.startsWith(CLIENT_KEY_PREFIX)) return apiKey;
  return undefined;
}
