// The official OpenAI SDK pointed straight at the fake provider parses its Chat Completions replies.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from './index.js';

const TOOLS = [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: {} } } }];

describe('fake provider: OpenAI chat completions', () => {
  let fake: FakeProvider;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('echoes the last user message as a chat.completion with usage', async () => {
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'text', text: 'mail bob@' }, { type: 'text', text: 'example.com' }] },
      ],
    });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.model, 'gpt-4o-mini');
    assert.match(res.id, /^chatcmpl-/);
    assert.equal(res.choices[0].message.content, 'echo: mail bob@example.com');
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.ok(res.usage && res.usage.total_tokens === res.usage.prompt_tokens + res.usage.completion_tokens);
  });

  it('records what it received', async () => {
    await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(fake.requests.length, 1);
    const [r] = fake.requests;
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/v1/chat/completions');
    assert.equal(r.headers.authorization, 'Bearer sk-test');
    assert.deepEqual(r.json, JSON.parse(r.body.toString()));
    assert.equal(typeof r.receivedAt, 'number');
  });

  it('answers with a tool call named after the first tool in tool-call', async () => {
    fake.setScenario('tool-call');
    const res = await client.chat.completions.create({ model: 'm', tools: TOOLS, messages: [{ role: 'user', content: 'key AKIA123' }] });
    const choice = res.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    const call = choice.message.tool_calls?.[0];
    assert.ok(call && call.type === 'function');
    assert.match(call.id, /^call_/);
    assert.equal(call.function.name, 'read_file');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'key AKIA123', path: '/tmp/x' });
  });

  it('streams small deltas that add up to the echo, with a usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'stream me please' }],
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      const d = chunk.choices[0]?.delta.content;
      if (d) deltas.push(d);
      if (chunk.usage) usage = chunk.usage;
    }
    assert.equal(deltas.join(''), 'echo: stream me please');
    assert.ok(deltas.every((d) => d.length <= 4) && deltas.length > 3);
    assert.ok(usage && usage.completion_tokens > 0);
  });

  it('streams tool-call argument deltas the SDK assembles into valid JSON', async () => {
    const stream = client.chat.completions.stream(
      { model: 'm', tools: TOOLS, messages: [{ role: 'user', content: 'ssn 123-45-6789' }] },
      { headers: { 'x-fake-scenario': 'tool-call' } },
    );
    const final = await stream.finalChatCompletion();
    const call = final.choices[0].message.tool_calls?.[0];
    assert.ok(call && call.type === 'function');
    assert.equal(call.function.name, 'read_file');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'ssn 123-45-6789', path: '/tmp/x' });
    assert.equal(final.choices[0].finish_reason, 'tool_calls');
  });

  it('names the tool echo_tool when the request has none', async () => {
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-fake-scenario': 'tool-call' } });
    const call = res.choices[0].message.tool_calls?.[0];
    assert.ok(call && call.type === 'function');
    assert.equal(call.function.name, 'echo_tool');
  });
});
