// translatingRewrite: the exchange's own rewrite sees only the client's shape, JSON and SSE, and the
// byte-relay fast path is turned off.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResponseRewrite } from '../../../gateway/exchange/relay.js';
import type { SseEvent } from '../../../gateway/stream/sse-event.js';
import { translatingRewrite } from '../../../gateway/translate/rewrite.js';

describe('translatingRewrite', () => {
  it('hands the inner rewrite client-shape JSON and events, with the upstream status', async () => {
    const seenJson: unknown[] = [];
    const seenEvents: SseEvent[] = [];
    const inner: ResponseRewrite = {
      json: (body) => {
        seenJson.push(JSON.parse(body.toString()));
        return body;
      },
      sse: () => ({ push: (e) => (seenEvents.push(e), [e]), end: () => [] }),
      relayStreamBytes: true,
      headers: { 'x-aegis-redactions': '0' },
    };
    let status = 200;
    const rewrite = translatingRewrite(inner, 'anthropic-messages', 'openai', {}, () => status);
    assert.equal(rewrite.relayStreamBytes, false);
    assert.deepEqual(rewrite.headers, { 'x-aegis-redactions': '0' });

    await rewrite.json(Buffer.from(JSON.stringify({ id: 'c', model: 'g', choices: [{ index: 0, message: { content: 'hi' }, finish_reason: 'stop' }] })));
    status = 429;
    const out = await rewrite.json(Buffer.from(JSON.stringify({ error: { message: 'slow down', type: 'requests', code: 'rate_limit_exceeded' } })));
    assert.deepEqual(seenJson, [
      { id: 'c', type: 'message', role: 'assistant', model: 'g', content: [{ type: 'text', text: 'hi' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 } },
      { type: 'error', error: { type: 'rate_limit_error', message: 'slow down', code: 'rate_limit_exceeded' } },
    ]);
    assert.equal(JSON.parse(out.toString()).type, 'error');

    const t = rewrite.sse();
    const pushed = [t.push({ data: JSON.stringify({ id: 'c', model: 'g', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] }) }), t.push({ data: '[DONE]' }), t.end()].flat();
    assert.deepEqual(seenEvents.map((e) => e.event), ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.deepEqual(pushed, seenEvents);
  });
});
