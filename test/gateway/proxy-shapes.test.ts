// All three API shapes, JSON and SSE, text and tool calls, through the official SDKs pointed at the
// gateway (bare /v1 and the provider-explicit prefixes), landing on the right fake provider.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { FakeProvider } from '../fake-provider/index.js';
import { postJson } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';

// No PII or secrets: nothing here may be rewritten, so the fast path must forward it untouched.
const TEXT = 'héllo wörld ✓ 🎉 "quoted" and \\ backslash';
const ECHO = `echo: ${TEXT}`;
const ARGS = { echo: TEXT, path: '/tmp/x' };
const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };
const CHAT_TOOLS = [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: {} } } }];
const RESP_TOOLS = [{ type: 'function' as const, name: 'run_shell', parameters: { type: 'object', properties: {} }, strict: false }];
const ANTH_TOOLS = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }];

/** What the SDKs put on the wire, recorded by wrapping their default fetch (Node's own). */
const sent: Buffer[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  if (typeof init?.body === 'string') sent.push(Buffer.from(init.body));
  return fetch(input, init);
};

let rig: ProxyRig;
before(async () => {
  rig = await startProxyRig();
});
after(() => rig.close());
beforeEach(() => {
  rig.reset();
  sent.length = 0;
});

/** The one request the gateway forwarded, and that the other provider got nothing. */
function only(on: FakeProvider, other: FakeProvider, path: string) {
  assert.equal(other.requests.length, 0, 'the other provider must not be called');
  assert.equal(on.requests.length, 1);
  const r = on.requests[0]!;
  assert.equal(r.method, 'POST');
  assert.equal(r.path, path);
  // Unchanged bodies go upstream byte for byte (the SDK-built ones here; odd layouts further below).
  if (sent.length > 0) assert.ok(r.body.equals(sent[sent.length - 1]!), 'the upstream body differs from what the SDK sent');
  return r;
}

for (const prefixed of [false, true]) {
  const label = prefixed ? 'provider prefix' : 'bare /v1';

  describe(`OpenAI chat completions via the gateway (${label})`, () => {
    let client: OpenAI;
    before(() => {
      client = new OpenAI({ apiKey: 'sk-test', baseURL: `${rig.url}${prefixed ? '/openai' : ''}/v1`, maxRetries: 0, fetch: recordingFetch });
    });

    it('JSON text: content and usage; the openai upstream got the request', async () => {
      const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: TEXT }] });
      assert.equal(res.choices[0]!.message.content, ECHO);
      assert.equal(res.choices[0]!.finish_reason, 'stop');
      assert.ok(res.usage && res.usage.prompt_tokens > 0 && res.usage.total_tokens === res.usage.prompt_tokens + res.usage.completion_tokens);
      assert.equal(sent.length, 1, 'the SDK body was recorded');
      const r = only(rig.openai, rig.anthropic, '/v1/chat/completions');
      assert.deepEqual(r.json, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: TEXT }] });
      assert.equal(r.headers.authorization, 'Bearer sk-test');
    });

    it('JSON tool call: arguments parse to the expected object', async () => {
      const res = await client.chat.completions.create({ model: 'm', tools: CHAT_TOOLS, messages: [{ role: 'user', content: TEXT }] }, TOOL_CALL);
      const call = res.choices[0]!.message.tool_calls?.[0];
      assert.ok(call && call.type === 'function');
      assert.equal(call.function.name, 'read_file');
      assert.deepEqual(JSON.parse(call.function.arguments), ARGS);
      only(rig.openai, rig.anthropic, '/v1/chat/completions');
    });

    it('SSE text: deltas add up, usage chunk arrives', async () => {
      const stream = await client.chat.completions.create({
        model: 'm', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: TEXT }],
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | null | undefined;
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.usage) usage = chunk.usage;
      }
      assert.equal(text, ECHO);
      assert.ok(chunks > 5, 'streamed in many chunks');
      assert.ok(usage && usage.completion_tokens > 0);
      only(rig.openai, rig.anthropic, '/v1/chat/completions');
    });

    it('SSE tool call: the SDK assembles arguments that parse', async () => {
      const stream = client.chat.completions.stream({ model: 'm', tools: CHAT_TOOLS, messages: [{ role: 'user', content: TEXT }] }, TOOL_CALL);
      const done = await stream.finalChatCompletion();
      const call = done.choices[0]!.message.tool_calls?.[0];
      assert.ok(call && call.type === 'function');
      assert.equal(call.function.name, 'read_file');
      assert.deepEqual(JSON.parse(call.function.arguments), ARGS);
      assert.equal(done.choices[0]!.finish_reason, 'tool_calls');
    });
  });

  describe(`OpenAI responses via the gateway (${label})`, () => {
    let client: OpenAI;
    before(() => {
      client = new OpenAI({ apiKey: 'sk-test', baseURL: `${rig.url}${prefixed ? '/openai' : ''}/v1`, maxRetries: 0, fetch: recordingFetch });
    });

    it('JSON text: output_text and usage', async () => {
      const res = await client.responses.create({ model: 'gpt-4.1', input: TEXT });
      assert.equal(res.output_text, ECHO);
      assert.ok(res.usage && res.usage.total_tokens === res.usage.input_tokens + res.usage.output_tokens);
      const r = only(rig.openai, rig.anthropic, '/v1/responses');
      assert.deepEqual(r.json, { model: 'gpt-4.1', input: TEXT });
    });

    it('JSON tool call: function_call arguments parse', async () => {
      const res = await client.responses.create({ model: 'm', tools: RESP_TOOLS, input: TEXT }, TOOL_CALL);
      const item = res.output[0];
      assert.ok(item && item.type === 'function_call');
      assert.equal(item.name, 'run_shell');
      assert.deepEqual(JSON.parse(item.arguments), ARGS);
    });

    it('SSE text: deltas add up; the final response carries usage', async () => {
      const stream = client.responses.stream({ model: 'm', input: TEXT });
      let text = '';
      stream.on('response.output_text.delta', (e) => (text += e.delta));
      const final = await stream.finalResponse();
      assert.equal(text, ECHO);
      assert.equal(final.output_text, ECHO);
      assert.ok(final.usage && final.usage.output_tokens > 0);
      only(rig.openai, rig.anthropic, '/v1/responses');
    });

    it('SSE tool call: argument deltas assemble to JSON', async () => {
      const stream = await client.responses.create({ model: 'm', tools: RESP_TOOLS, input: TEXT, stream: true }, TOOL_CALL);
      let args = '';
      let done: string | undefined;
      for await (const e of stream) {
        if (e.type === 'response.function_call_arguments.delta') args += e.delta;
        if (e.type === 'response.function_call_arguments.done') done = e.arguments;
      }
      assert.deepEqual(JSON.parse(args), ARGS);
      assert.equal(done, args);
    });
  });

  describe(`Anthropic messages via the gateway (${label})`, () => {
    let client: Anthropic;
    before(() => {
      client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: `${rig.url}${prefixed ? '/anthropic' : ''}`, maxRetries: 0, fetch: recordingFetch });
    });

    it('JSON text: content and usage; the anthropic upstream got the request', async () => {
      const res = await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: TEXT }] });
      const block = res.content[0];
      assert.ok(block && block.type === 'text');
      assert.equal(block.text, ECHO);
      assert.equal(res.stop_reason, 'end_turn');
      assert.ok(res.usage.input_tokens > 0 && res.usage.output_tokens > 0);
      assert.equal(sent.length, 1, 'the SDK body was recorded');
      const r = only(rig.anthropic, rig.openai, '/v1/messages');
      assert.deepEqual(r.json, { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: TEXT }] });
      // This SDK version sends the key as a bearer token; older ones used x-api-key.
      assert.ok(r.headers['x-api-key'] === 'sk-ant-test' || r.headers.authorization === 'Bearer sk-ant-test', 'the credential passes through');
      assert.ok(r.headers['anthropic-version'], 'the SDK version header passes through');
    });

    it('JSON tool use: input is the expected object', async () => {
      const res = await client.messages.create({ model: 'm', max_tokens: 64, tools: ANTH_TOOLS, messages: [{ role: 'user', content: TEXT }] }, TOOL_CALL);
      const block = res.content[0];
      assert.ok(block && block.type === 'tool_use');
      assert.equal(block.name, 'get_weather');
      assert.deepEqual(block.input, ARGS);
    });

    it('SSE text: text deltas add up; the final message carries usage', async () => {
      const stream = client.messages.stream({ model: 'm', max_tokens: 64, messages: [{ role: 'user', content: TEXT }] });
      let text = '';
      stream.on('text', (t) => (text += t));
      const final = await stream.finalMessage();
      assert.equal(text, ECHO);
      assert.ok(final.usage.output_tokens > 0);
      only(rig.anthropic, rig.openai, '/v1/messages');
    });

    it('SSE tool use: input_json deltas assemble to the input', async () => {
      const stream = client.messages.stream({ model: 'm', max_tokens: 64, tools: ANTH_TOOLS, messages: [{ role: 'user', content: TEXT }] }, TOOL_CALL);
      const final = await stream.finalMessage();
      const block = final.content[0];
      assert.ok(block && block.type === 'tool_use');
      assert.deepEqual(block.input, ARGS);
      assert.equal(final.stop_reason, 'tool_use');
    });

    it('count_tokens goes to the anthropic upstream', async () => {
      const res = await client.messages.countTokens({ model: 'm', messages: [{ role: 'user', content: TEXT }] });
      assert.ok(res.input_tokens > 0);
      only(rig.anthropic, rig.openai, '/v1/messages/count_tokens');
    });
  });
}

describe('fast path: unchanged bodies are forwarded byte for byte', () => {
  // Odd whitespace, key order, escapes and a duplicate-free but unusual layout: re-serialising would change them.
  const odd = (stream: boolean, list: 'messages' | 'input') =>
    `{\n\t"${list}" :[ {"content":"caf\\u00e9 \\"q\\" \\/ ${JSON.stringify(TEXT).slice(1, -1)}" ,  "role":"user"}],"model":"m"${stream ? ', "stream" :true' : ''}  ,"z":1.50e+2 }\r\n`;
  const cases = [
    { path: '/v1/chat/completions', list: 'messages' as const, on: () => rig.openai, other: () => rig.anthropic, up: '/v1/chat/completions' },
    { path: '/v1/responses', list: 'input' as const, on: () => rig.openai, other: () => rig.anthropic, up: '/v1/responses' },
    { path: '/v1/messages', list: 'messages' as const, on: () => rig.anthropic, other: () => rig.openai, up: '/v1/messages' },
    { path: '/openai/v1/chat/completions', list: 'messages' as const, on: () => rig.openai, other: () => rig.anthropic, up: '/v1/chat/completions' },
    { path: '/anthropic/v1/messages', list: 'messages' as const, on: () => rig.anthropic, other: () => rig.openai, up: '/v1/messages' },
  ];
  for (const c of cases) {
    for (const stream of [false, true]) {
      it(`${c.path} ${stream ? 'SSE' : 'JSON'}`, async () => {
        const body = odd(stream, c.list);
        const res = await postJson(rig.url, c.path, body);
        assert.equal(res.status, 200, res.text);
        assert.match(String(res.headers['content-type']), stream ? /^text\/event-stream/ : /^application\/json/);
        const r = only(c.on(), c.other(), c.up);
        assert.ok(r.body.equals(Buffer.from(body)), `forwarded bytes differ:\n${JSON.stringify(r.body.toString())}\n${JSON.stringify(body)}`);
        assert.equal(r.headers['content-length'], String(Buffer.byteLength(body)));
      });
    }
  }
});
