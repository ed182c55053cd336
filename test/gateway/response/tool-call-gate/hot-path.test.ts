import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESPONSE_SHAPES } from '../../../../gateway/response/rewrite.js';
import type { ApiShape } from '../../../../gateway/shared/shape.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';

const named = (type: string, body: object): SseEvent => ({ event: type, data: JSON.stringify({ type, ...body }) });

/** Text-only streams of each shape, as the providers send them. */
const TEXT_STREAMS: Record<Exclude<ApiShape, 'passthrough'>, SseEvent[]> = {
  'openai-chat': [
    { data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }) },
    { data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'Call the "tool_use" tool?' }, finish_reason: null }] }) },
    { data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }) },
    { data: '[DONE]' },
  ],
  'anthropic-messages': [
    named('message_start', { message: { id: 'm', content: [], stop_reason: null } }),
    named('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    named('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'a "function_call" or "tool_calls"' } }),
    named('content_block_stop', { index: 0 }),
    named('message_delta', { delta: { stop_reason: 'end_turn' } }),
    named('message_stop', {}),
  ],
  'openai-responses': [
    named('response.created', { sequence_number: 0, response: { id: 'r', output: [] } }),
    named('response.output_text.delta', { sequence_number: 1, item_id: 'm', output_index: 0, content_index: 0, delta: 'the "tool_use" block' }),
    named('response.completed', { sequence_number: 2, response: { id: 'r', output: [{ type: 'message', content: [] }] } }),
  ],
};

test('a response without tool calls is passed through without a single JSON.parse', () => {
  const parse = JSON.parse;
  let parses = 0;
  JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
    parses++;
    return parse(text, reviver) as unknown;
  }) as typeof JSON.parse;
  try {
    for (const [shape, events] of Object.entries(TEXT_STREAMS) as [Exclude<ApiShape, 'passthrough'>, SseEvent[]][]) {
      const t = RESPONSE_SHAPES[shape].guard!.toolCalls.stream(() => assert.fail('no call to judge'));
      for (const e of events) {
        const out = t.push(e);
        assert.ok(Array.isArray(out) && out.length === 1 && out[0] === e, `${shape}: ${e.data}`);
      }
      assert.deepEqual(t.end(), []);
    }
  } finally {
    JSON.parse = parse;
  }
  assert.equal(parses, 0);
});
