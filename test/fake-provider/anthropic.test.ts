// The official Anthropic SDK parses the fake provider's Messages replies, JSON and streamed.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { type FakeProvider, startFakeProvider } from './index.js';

const TOOLS = [{ name: 'write_file', input_schema: { type: 'object' as const, properties: {} } }];
const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };

describe('fake provider: Anthropic messages', () => {
  let fake: FakeProvider;
  let client: Anthropic;
  before(async () => {
    fake = await startFakeProvider();
    client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: fake.url, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('echoes the last user message as a message with text content', async () => {
    const msg = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'my IBAN ' }, { type: 'text', text: 'DE89370400440532013000' }] }],
    });
    assert.equal(msg.type, 'message');
    assert.equal(msg.model, 'claude-sonnet-4-5');
    assert.match(msg.id, /^msg_01/);
    assert.equal(msg.stop_reason, 'end_turn');
    assert.deepEqual(msg.content.map((b) => b.type === 'text' && b.text), ['echo: my IBAN DE89370400440532013000']);
    assert.ok(msg.usage.input_tokens > 0 && msg.usage.output_tokens > 0);
    const seen = fake.requests[0].headers;
    assert.ok(seen['anthropic-version']);
    assert.ok(seen['x-api-key'] === 'sk-ant-test' || seen.authorization === 'Bearer sk-ant-test');
  });

  it('answers with a tool_use block in tool-call', async () => {
    const msg = await client.messages.create({ model: 'm', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user', content: 'hello' }] }, TOOL_CALL);
    assert.equal(msg.stop_reason, 'tool_use');
    const block = msg.content[0];
    assert.ok(block.type === 'tool_use');
    assert.match(block.id, /^toolu_/);
    assert.equal(block.name, 'write_file');
    assert.deepEqual(block.input, { echo: 'hello', path: '/tmp/x' });
  });

  it('streams text deltas that finalMessage() assembles, usage in message_start and message_delta', async () => {
    const stream = client.messages.stream({ model: 'm', max_tokens: 100, messages: [{ role: 'user', content: 'stream this' }] });
    const types: string[] = [];
    let text = '';
    let outputTokens = 0;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') outputTokens = event.usage.output_tokens;
    }
    const final = await stream.finalMessage();
    assert.equal(text, 'echo: stream this');
    assert.deepEqual(final.content.map((b) => b.type === 'text' && b.text), ['echo: stream this']);
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(outputTokens > 0 && final.usage.input_tokens > 0);
    assert.deepEqual([...new Set(types)], ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('streams input_json_delta pieces that assemble into the tool input', async () => {
    const stream = client.messages.stream({ model: 'm', max_tokens: 100, tools: TOOLS, messages: [{ role: 'user', content: 'token ghp_abc' }] }, TOOL_CALL);
    let partials = 0;
    stream.on('inputJson', () => partials++);
    const final = await stream.finalMessage();
    const block = final.content[0];
    assert.ok(block.type === 'tool_use');
    assert.deepEqual(block.input, { echo: 'token ghp_abc', path: '/tmp/x' });
    assert.equal(final.stop_reason, 'tool_use');
    assert.ok(partials > 3);
  });

  it('counts tokens', async () => {
    const res = await client.messages.countTokens({ model: 'm', messages: [{ role: 'user', content: 'how many?' }] });
    assert.ok(Number.isInteger(res.input_tokens) && res.input_tokens > 0);
  });
});
