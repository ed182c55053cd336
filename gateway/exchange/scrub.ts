import type { OutgoingHttpHeaders } from 'node:http';
import type { SseEvent, SseTransform } from '../stream/sse-event.js';
import { chainTransforms } from '../stream/chain.js';
import type { ResponseRewrite } from './relay.js';

const MASK = '[redacted by AegisGate]';
/** Shorter redacted values would mask request ids and dates by accident far more often than they leak. */
const MIN_HEADER_VALUE = 4;

export interface ScrubSecrets {
  /** The managed provider key the gateway sent upstream in place of the client's. */
  managedKey?: string;
  /** Every value this exchange put behind a placeholder. */
  redacted: readonly string[];
}

const replaceAll = (s: string, secrets: readonly string[]) => secrets.reduce((out, v) => (out.includes(v) ? out.replaceAll(v, MASK) : out), s);

/**
 * Response headers never carry a secret: the managed key, or a value the exchange redacted (an
 * upstream or a proxy in between that echoes request data into a header). They are masked in the
 * header's value; a header whose name holds one is dropped. Placeholders in headers are not restored.
 */
export function scrubHeaders(headers: OutgoingHttpHeaders, secrets: readonly string[]): OutgoingHttpHeaders {
  if (secrets.length === 0) return headers;
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || secrets.some((s) => name.includes(s.toLowerCase()))) continue;
    if (typeof value === 'number') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map((v) => replaceAll(v, secrets));
    else out[name] = replaceAll(value, secrets);
  }
  return out;
}

/**
 * A managed provider key must never reach the tool, even when an upstream (a misbehaving proxy, a
 * debugging echo endpoint) copies request headers into its response: the value is masked in JSON
 * bodies, SSE events and headers. Redacted values are masked in headers only: bodies hand them
 * back on purpose (restoration). Raw byte streams are relayed as they are.
 */
export function scrubbing(rewrite: ResponseRewrite, secrets: ScrubSecrets): ResponseRewrite {
  const inHeaders = [...new Set([...(secrets.managedKey ? [secrets.managedKey] : []), ...secrets.redacted.filter((v) => v.length >= MIN_HEADER_VALUE)])];
  const withHeaders: ResponseRewrite = { ...rewrite, responseHeaders: (h) => scrubHeaders(rewrite.responseHeaders ? rewrite.responseHeaders(h) : h, inHeaders) };
  const secret = secrets.managedKey;
  if (!secret) return withHeaders;
  const scrubText = (s: string) => (s.includes(secret) ? s.replaceAll(secret, MASK) : s);
  const scrubEvents: SseTransform = {
    push: (e: SseEvent) => [e.data.includes(secret) ? { ...e, data: scrubText(e.data) } : e],
    end: () => [],
  };
  return {
    ...withHeaders,
    json: async (body, status) => {
      const out = await rewrite.json(body, status);
      const text = typeof out === 'string' ? out : out.toString('utf8');
      return text.includes(secret) ? scrubText(text) : out;
    },
    sse: () => chainTransforms(rewrite.sse(), scrubEvents),
  };
}
