// The library against the real fake provider over HTTP, driven by the real SDKs: a `fetch` that
// translates (the steps a conductor takes, minus redaction and restoration) stands between each SDK
// and the other provider's API. A tool-use round trip, streamed and not, keeps its tool ids, and the
// upstream receives a body in its own shape.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { SseTranscoder } from '../../../gateway/stream/sse-transcoder.js';
import { type ClientShape, translateRequest, translateResponse, translateStream, type UpstreamKind } from '../../../gateway/translate/index.js';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';

let fake: FakeProvider;
before(async () => {
  fake = await startFakeProvider();
  fake.setScenario('agent');
});
after(() => fake.close());

/** A `fetch` for an SDK of `shape` that sends its requests to the fake as a `kind` upstream. */
function translatingFetch(shape: ClientShape, kind: UpstreamKind): typeof fetch {
  return async (_url, init) => {
    const t = translateRequest(shape, kind, String(init?.body));
    const res = await fetch(`${fake.url}${t.path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: JSON.stringify(t.body) });
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      const transcoder = new SseTranscoder(translateStream(shape, kind, t.response), 1 << 20);
      const text = transcoder.push(new Uint8Array(await res.arrayBuffer())) + transcoder.end();
      return new Response(text, { status: res.status, headers: { 'content-type': 'text/event-stream' } });
    }
    const body = translateResponse(shape, kind, res.status, await res.json(), t.response);
    return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
  };
}

const bash = { name: 'Bash', description: 'Run a shell command', input_schema: { type: 'object' as const, properties: { command: { type: 'string' } }, required: ['command'] } };

describe('Anthropic SDK → OpenAI-compatible fake', () => {
  const client = new Anthropic({ apiKey: 'k', baseURL: 'http://anthropic.invalid', maxRetries: 0, fetch: translatingFetch('anthropic-messages', 'openai') });

  for (const stream of [false, true]) {
    it(`a tool-use round trip${stream ? ', streamed' : ''}`, async () => {
      fake.reset();
      fake.setScenario('agent');
      const ask: Anthropic.MessageParam = { role: 'user', content: 'RUN: ls /tmp' };
      const params = { model: 'gpt-4.1', max_tokens: 256, system: 'You run commands.', tools: [bash] };
      const first = stream ? await client.messages.stream({ ...params, messages: [ask] }).finalMessage() : await client.messages.create({ ...params, messages: [ask] });
      assert.equal(first.stop_reason, 'tool_use');
      const call = first.content.find((b) => b.type === 'tool_use');
      assert.ok(call && call.type === 'tool_use');
      assert.deepEqual(call.input, { command: 'ls /tmp', description: 'Run the command the user asked for' });

      const messages: Anthropic.MessageParam[] = [ask, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'a.txt' }] }];
      const second = stream ? await client.messages.stream({ ...params, messages }).finalMessage() : await client.messages.create({ ...params, messages });
      assert.deepEqual(second.content, [{ type: 'text', text: 'tool said: a.txt' }]);
      assert.equal(second.stop_reason, 'end_turn');
      assert.ok(second.usage.input_tokens > 0 && second.usage.output_tokens > 0);

      const sent = fake.requests.map((r) => [r.path, r.json as { messages: unknown[] }]);
      assert.deepEqual(sent.map(([p]) => p), ['/v1/chat/completions', '/v1/chat/completions']);
      const turn2 = (sent[1]![1] as { messages: unknown[] }).messages;
      assert.deepEqual(turn2.slice(2), [
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: 'Bash', arguments: JSON.stringify(call.input) } }] },
        { role: 'tool', tool_call_id: call.id, content: 'a.txt' },
      ]);
    });
  }
});

describe('OpenAI SDK → Anthropic fake', () => {
  const client = new OpenAI({ apiKey: 'k', baseURL: 'http://openai.invalid/v1', maxRetries: 0, fetch: translatingFetch('openai-chat', 'anthropic') });
  const tools: OpenAI.ChatCompletionTool[] = [{ type: 'function', function: { name: 'Bash', description: 'Run a shell command', parameters: bash.input_schema } }];

  for (const stream of [false, true]) {
    it(`a tool-call round trip${stream ? ', streamed' : ''}`, async () => {
      fake.reset();
      fake.setScenario('agent');
      const ask: OpenAI.ChatCompletionMessageParam[] = [{ role: 'system', content: 'You run commands.' }, { role: 'user', content: 'RUN: ls /tmp' }];
      const run = (messages: OpenAI.ChatCompletionMessageParam[]) => stream
        ? client.chat.completions.stream({ model: 'claude-sonnet-4-5', messages, tools, stream_options: { include_usage: true } }).finalChatCompletion()
        : client.chat.completions.create({ model: 'claude-sonnet-4-5', messages, tools });
      const first = await run(ask);
      assert.equal(first.choices[0]!.finish_reason, 'tool_calls');
      const call = first.choices[0]!.message.tool_calls![0]!;
      assert.ok(call.type === 'function');
      assert.deepEqual(JSON.parse(call.function.arguments), { command: 'ls /tmp', description: 'Run the command the user asked for' });

      const second = await run([...ask, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: 'a.txt' }]);
      assert.equal(second.choices[0]!.message.content, 'tool said: a.txt');
      assert.equal(second.choices[0]!.finish_reason, 'stop');
      assert.ok((second.usage?.prompt_tokens ?? 0) > 0);

      assert.deepEqual(fake.requests.map((r) => [r.path, r.headers['anthropic-version']]), [['/v1/messages', '2023-06-01'], ['/v1/messages', '2023-06-01']]);
      const turn2 = fake.requests[1]!.json as { system: unknown; max_tokens: number; messages: unknown[] };
      assert.equal(turn2.system, 'You run commands.');
      assert.equal(turn2.max_tokens, 4096);
      assert.deepEqual(turn2.messages.slice(1), [
        { role: 'assistant', content: [{ type: 'tool_use', id: call.id, name: 'Bash', input: JSON.parse(call.function.arguments) }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'a.txt' }] },
      ]);
    });
  }

  it('an upstream error keeps its status and arrives as the SDK’s own error', async () => {
    fake.setScenario('status:429');
    await assert.rejects(client.chat.completions.create({ model: 'c', messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => err instanceof OpenAI.RateLimitError && err.status === 429 && /Rate limit reached/.test(err.message));
    fake.setScenario('agent');
  });
});
