// The order the conductor must keep: translation first, then the gateway's restoration of the
// client's shape. A placeholder the model wrote, split across deltas of the other provider's stream,
// comes back as the original in text and in tool input, as the client's SDK reads it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { restoreJsonResponse } from '../../../gateway/response/restore/json-response.js';
import { anthropicMessages } from '../../../gateway/response/shapes/anthropic-messages.js';
import { openaiChat } from '../../../gateway/response/shapes/openai-chat.js';
import { chainTransforms } from '../../../gateway/stream/chain.js';
import { translateResponse, translateStream } from '../../../gateway/translate/index.js';
import { plant } from '../response/restore/stream-fixtures.js';
import { anthropicFrames, openaiFrames, translateText } from './helpers.js';

const { session, placeholders } = plant();
const EMAIL = placeholders.EMAIL!;
const original = session.lookup(EMAIL)!;
/** A placeholder cut in two, as a model's stream may deliver it. */
const half = Math.floor(EMAIL.length / 2);
const [head, tail] = [EMAIL.slice(0, half), EMAIL.slice(half)];
const sse = (text: string) => new Response(text, { headers: { 'content-type': 'text/event-stream' } });

describe('restoration after translation', () => {
  it('Anthropic client, OpenAI upstream: stream and JSON restored in text and tool input', async () => {
    const base = { id: 'chatcmpl-r', object: 'chat.completion.chunk', created: 1, model: 'gpt-x' };
    const chunk = (delta: object, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
    const upstream = openaiFrames([
      chunk({ role: 'assistant', content: `Mail ${head}` }),
      chunk({ content: `${tail} now.` }),
      chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'send', arguments: `{"to":"${head}` } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: `${tail}"}` } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const wire = translateText(chainTransforms(translateStream('anthropic-messages', 'openai'), anthropicMessages.restore.stream(session.lookup)), upstream);
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://t', maxRetries: 0, fetch: async () => sse(wire) });
    const message = await client.messages.stream({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    assert.deepEqual(message.content, [
      { type: 'text', text: `Mail ${original} now.` },
      { type: 'tool_use', id: 'call_1', name: 'send', input: { to: original } },
    ]);

    const json = translateResponse('anthropic-messages', 'openai', 200, {
      id: 'c', model: 'gpt-x', choices: [{ index: 0, message: { role: 'assistant', content: `Mail ${EMAIL}`, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'send', arguments: JSON.stringify({ to: EMAIL }) } }] }, finish_reason: 'tool_calls' }],
    });
    const restored = JSON.parse(restoreJsonResponse(anthropicMessages.restore.document, JSON.stringify(json), session.lookup)) as Anthropic.Message;
    assert.deepEqual(restored.content, [{ type: 'text', text: `Mail ${original}` }, { type: 'tool_use', id: 'call_1', name: 'send', input: { to: original } }]);
  });

  it('OpenAI client, Anthropic upstream: stream and JSON restored in text and tool arguments', async () => {
    const upstream = anthropicFrames([
      { type: 'message_start', message: { id: 'msg_r', type: 'message', role: 'assistant', model: 'claude-x', content: [], usage: { input_tokens: 1, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `Mail ${head}` } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `${tail} now.` } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'send', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: `{"to":"${head}` } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: `${tail}"}` } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 3 } },
      { type: 'message_stop' },
    ]);
    const wire = translateText(chainTransforms(translateStream('openai-chat', 'anthropic', { created: 1 }), openaiChat.restore.stream(session.lookup)), upstream);
    const client = new OpenAI({ apiKey: 'k', baseURL: 'http://t', maxRetries: 0, fetch: async () => sse(wire) });
    const completion = await client.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion();
    const message = completion.choices[0]!.message;
    assert.equal(message.content, `Mail ${original} now.`);
    assert.deepEqual(message.tool_calls?.map((t) => (t.type === 'function' ? [t.id, JSON.parse(t.function.arguments)] : t)), [['toolu_1', { to: original }]]);

    const json = translateResponse('openai-chat', 'anthropic', 200, {
      id: 'msg_r', model: 'claude-x', stop_reason: 'tool_use', content: [{ type: 'text', text: `Mail ${EMAIL}` }, { type: 'tool_use', id: 'toolu_1', name: 'send', input: { to: EMAIL } }],
    }, { created: 1 });
    const restored = JSON.parse(restoreJsonResponse(openaiChat.restore.document, JSON.stringify(json), session.lookup)) as OpenAI.ChatCompletion;
    assert.equal(restored.choices[0]!.message.content, `Mail ${original}`);
    const call = restored.choices[0]!.message.tool_calls![0]!;
    assert.deepEqual(call.type === 'function' && JSON.parse(call.function.arguments), { to: original });
  });
});
