import type { SseEvent, SseTransform } from '../stream/sse-event.js';
import { chainTransforms } from '../stream/chain.js';
import type { ResponseRewrite } from './relay.js';

const MASK = '[redacted by AegisGate]';

/**
 * A managed provider key must never reach the tool, even when an upstream (a misbehaving proxy, a
 * debugging echo endpoint) copies request headers into its response: the value is masked in JSON
 * bodies and SSE events. Raw byte streams are relayed as they are.
 */
export function scrubbing(rewrite: ResponseRewrite, secret: string): ResponseRewrite {
  const scrubText = (s: string) => (s.includes(secret) ? s.replaceAll(secret, MASK) : s);
  const scrubEvents: SseTransform = {
    push: (e: SseEvent) => [e.data.includes(secret) ? { ...e, data: scrubText(e.data) } : e],
    end: () => [],
  };
  return {
    json: async (body) => {
      const out = await rewrite.json(body);
      const text = typeof out === 'string' ? out : out.toString('utf8');
      return text.includes(secret) ? scrubText(text) : out;
    },
    sse: () => chainTransforms(rewrite.sse(), scrubEvents),
    headers: rewrite.headers,
  };
}
