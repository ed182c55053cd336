import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anthropicMessagesGate } from '../../../../gateway/response/tool-call-gate/anthropic-messages.js';
import { openaiChatGate } from '../../../../gateway/response/tool-call-gate/openai-chat.js';
import type { GatedCall } from '../../../../gateway/response/tool-call-gate/judge.js';
import { chainTransforms } from '../../../../gateway/stream/chain.js';
import { anthropicMessages } from '../../../../gateway/response/shapes/anthropic-messages.js';
import { openaiChat } from '../../../../gateway/response/shapes/openai-chat.js';
import { pushEach, type SseEvent } from '../../../../gateway/stream/sse-event.js';
import { plant, VALUES } from '../restore/stream-fixtures.js';

const { session, placeholders } = plant();
const token = placeholders.PASSWORD!;
/** Arguments whose placeholder is cut in two across deltas, as a model streams it. */
const argsText = JSON.stringify({ command: `echo ${token}` });
const cut = argsText.indexOf(token) + 5;
const want = JSON.stringify({ command: `echo ${VALUES.PASSWORD}` });

async function run(events: SseEvent[], t: ReturnType<typeof chainTransforms>): Promise<SseEvent[]> {
  const out = await pushEach(t, events);
  return [...out, ...(await t.end())];
}

test('behind restoration, the judge sees real values and the released arguments are restored JSON', async () => {
  const asked: GatedCall[] = [];
  const t = chainTransforms(openaiChat.restore.stream(session.lookup), openaiChatGate(async (call) => (asked.push(call), { release: true })));
  const chunk = (delta: object, finish: string | null = null) => ({ data: JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] }) });
  const out = await run([
    chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'Bash', arguments: '' } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: argsText.slice(0, cut) } }] }),
    chunk({ tool_calls: [{ index: 0, function: { arguments: argsText.slice(cut) } }] }),
    chunk({}, 'tool_calls'),
    { data: '[DONE]' },
  ], t);
  assert.deepEqual(asked.map((c) => c.arguments), [want]);
  const streamed = out.filter((e) => e.data !== '[DONE]').flatMap((e) => JSON.parse(e.data).choices[0].delta.tool_calls ?? []).map((tc: { function: { arguments: string } }) => tc.function.arguments).join('');
  assert.equal(streamed, want);
});

test('behind restoration, a refused Anthropic tool_use leaves no restored secret in the stream', async () => {
  const t = chainTransforms(anthropicMessages.restore.stream(session.lookup), anthropicMessagesGate(() => ({ release: false, refusal: 'not released' })));
  const ev = (type: string, body: object): SseEvent => ({ event: type, data: JSON.stringify({ type, ...body }) });
  const out = await run([
    ev('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} } }),
    ev('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: argsText.slice(0, cut) } }),
    ev('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: argsText.slice(cut) } }),
    ev('content_block_stop', { index: 0 }),
  ], t);
  const text = out.map((e) => e.data).join('\n');
  assert.ok(!text.includes(JSON.stringify(VALUES.PASSWORD).slice(1, -1)) && !text.includes(token.slice(0, 5)));
  assert.match(text, /not released/);
});
