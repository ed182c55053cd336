// The official OpenAI SDK parses the fake provider's Responses API replies, JSON and streamed.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from './index.js';

const TOOLS = [{ type: 'function' as const, name: 'run_shell', parameters: { type: 'object', properties: {} }, strict: false }];
const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };

describe('fake provider: OpenAI responses', () => {
  let fake: FakeProvider;
  let client: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('echoes a string input; the SDK computes output_text', async () => {
    const res = await client.responses.create({ model: 'gpt-4.1', input: 'call 555-0100' });
    assert.equal(res.object, 'response');
    assert.equal(res.status, 'completed');
    assert.equal(res.model, 'gpt-4.1');
    assert.equal(res.output_text, 'echo: call 555-0100');
    assert.ok(res.usage && res.usage.total_tokens > 0);
  });

  it('echoes the last user item of an input list, text parts concatenated', async () => {
    const res = await client.responses.create({
      model: 'm',
      input: [
        { role: 'user', content: 'old' },
        { role: 'user', content: [{ type: 'input_text', text: 'new ' }, { type: 'input_text', text: 'one' }] },
      ],
    });
    assert.equal(res.output_text, 'echo: new one');
  });

  it('answers with a function_call item in tool-call', async () => {
    const res = await client.responses.create({ model: 'm', input: 'ls ~', tools: TOOLS }, TOOL_CALL);
    const item = res.output[0];
    assert.equal(item.type, 'function_call');
    assert.ok(item.type === 'function_call');
    assert.equal(item.name, 'run_shell');
    assert.match(item.call_id, /^call_/);
    assert.deepEqual(JSON.parse(item.arguments), { echo: 'ls ~', path: '/tmp/x' });
  });

  it('streams named events with increasing sequence numbers that .stream() assembles', async () => {
    const stream = client.responses.stream({ model: 'm', input: 'tell me a secret' });
    const types: string[] = [];
    const seqs: number[] = [];
    let deltas = '';
    for await (const event of stream) {
      types.push(event.type);
      seqs.push(event.sequence_number);
      if (event.type === 'response.output_text.delta') deltas += event.delta;
    }
    const final = await stream.finalResponse();
    assert.equal(final.output_text, 'echo: tell me a secret');
    assert.equal(deltas, 'echo: tell me a secret');
    assert.deepEqual(seqs, seqs.map((_, i) => i));
    assert.deepEqual([...new Set(types)], [
      'response.created', 'response.in_progress', 'response.output_item.added', 'response.content_part.added',
      'response.output_text.delta', 'response.output_text.done', 'response.content_part.done',
      'response.output_item.done', 'response.completed',
    ]);
    assert.ok(final.usage && final.usage.output_tokens > 0);
  });

  it('streams function call arguments in deltas', async () => {
    const stream = client.responses.stream({ model: 'm', input: 'rm -rf /', tools: TOOLS }, TOOL_CALL);
    let argDeltas = 0;
    let done = '';
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') argDeltas++;
      if (event.type === 'response.function_call_arguments.done') done = event.arguments;
    }
    const final = await stream.finalResponse();
    const item = final.output[0];
    assert.ok(item.type === 'function_call');
    assert.equal(item.arguments, done);
    assert.deepEqual(JSON.parse(item.arguments), { echo: 'rm -rf /', path: '/tmp/x' });
    assert.ok(argDeltas > 3);
  });
});
