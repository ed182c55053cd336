// The property the Done-when list asks for: a translated stream, cut into random byte chunks and read
// by the client's own SDK (its SSE parser and its message accumulator), reassembles into the same
// message as the translated JSON response of the same content — in both directions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import fc from 'fast-check';
import OpenAI from 'openai';
import { translateResponse, translateStream } from '../../../gateway/translate/index.js';
import { anthropicFrames, openaiFrames, translateText, type Payload } from './helpers.js';

/** A Response whose SSE body arrives in the given byte chunks, for an SDK's `fetch`. */
function sseResponse(text: string, cuts: number[]): Response {
  const bytes = Buffer.from(text);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let from = 0;
      for (const p of [...points, bytes.length]) {
        if (p > from) controller.enqueue(new Uint8Array(bytes.subarray(from, p)));
        from = p;
      }
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

// One model answer, in neutral form: text pieces, then tool calls whose JSON arguments are streamed in pieces.
const piece = fc.string({ unit: 'grapheme', maxLength: 6 });
const toolCall = fc.record({
  name: fc.constantFrom('get_weather', 'Bash', 'read_file'),
  input: fc.dictionary(fc.constantFrom('city', 'command', 'path', 'n'), fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.integer())),
  cuts: fc.array(fc.nat(), { maxLength: 4 }),
});
const answer = fc.record({
  text: fc.array(piece, { maxLength: 6 }),
  tools: fc.array(toolCall, { maxLength: 3 }),
  /** natural end, cut at the token limit, stopped by a content filter; `ollama`: tool calls end with `stop` */
  end: fc.constantFrom('natural', 'length', 'filter', 'ollama'),
  input: fc.nat({ max: 5000 }),
  cached: fc.nat({ max: 100 }),
  output: fc.nat({ max: 5000 }),
});
type Answer = typeof answer extends fc.Arbitrary<infer T> ? T : never;

const splitAt = (s: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of [...points, s.length]) {
    if (p > from) out.push(s.slice(from, p));
    from = p;
  }
  return out;
};
const argsOf = (a: Answer) => a.tools.map((t) => JSON.stringify(t.input));

/** The answer as an OpenAI upstream sends it: JSON, and chunks ending in the usage chunk and [DONE]. */
function openaiUpstream(a: Answer) {
  const base = { id: 'chatcmpl-prop', object: 'chat.completion.chunk', created: 1, model: 'gpt-x' };
  const finish = { length: 'length', filter: 'content_filter', ollama: 'stop', natural: a.tools.length > 0 ? 'tool_calls' : 'stop' }[a.end];
  const usage = { prompt_tokens: a.input + a.cached, completion_tokens: a.output, total_tokens: a.input + a.cached + a.output, prompt_tokens_details: { cached_tokens: a.cached } };
  const chunk = (delta: object, finish_reason: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason }] });
  const chunks: object[] = [chunk({ role: 'assistant', content: '' })];
  for (const t of a.text) chunks.push(chunk({ content: t }));
  a.tools.forEach((t, i) => {
    chunks.push(chunk({ tool_calls: [{ index: i, id: `call_${i}`, type: 'function', function: { name: t.name, arguments: '' } }] }));
    for (const p of splitAt(argsOf(a)[i]!, t.cuts)) chunks.push(chunk({ tool_calls: [{ index: i, function: { arguments: p } }] }));
  });
  chunks.push(chunk({}, finish), { ...base, choices: [], usage });
  const text = a.text.join('');
  const calls = a.tools.map((t, i) => ({ id: `call_${i}`, type: 'function', function: { name: t.name, arguments: argsOf(a)[i] } }));
  const json = {
    id: 'chatcmpl-prop', object: 'chat.completion', created: 1, model: 'gpt-x',
    choices: [{ index: 0, message: { role: 'assistant', content: text === '' ? null : text, ...(calls.length > 0 ? { tool_calls: calls } : {}) }, logprobs: null, finish_reason: finish }],
    usage,
  };
  return { json, sse: openaiFrames(chunks) };
}

/** The answer as an Anthropic upstream sends it, with a thinking block and pings the client never sees. */
function anthropicUpstream(a: Answer) {
  const stop = { length: 'max_tokens', filter: 'refusal', ollama: a.tools.length > 0 ? 'tool_use' : 'end_turn', natural: a.tools.length > 0 ? 'tool_use' : 'end_turn' }[a.end];
  const usage = { input_tokens: a.input, cache_creation_input_tokens: 0, cache_read_input_tokens: a.cached, output_tokens: a.output };
  const content: object[] = [{ type: 'thinking', thinking: 'hmm', signature: 'sig' }];
  const events: Payload[] = [
    { type: 'message_start', message: { id: 'msg_prop', type: 'message', role: 'assistant', model: 'claude-x', content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
    { type: 'content_block_stop', index: 0 },
  ];
  let index = 1;
  if (a.text.length > 0) {
    content.push({ type: 'text', text: a.text.join('') });
    events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, { type: 'ping' });
    for (const t of a.text) events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } });
    events.push({ type: 'content_block_stop', index: index++ });
  }
  a.tools.forEach((t, i) => {
    content.push({ type: 'tool_use', id: `toolu_${i}`, name: t.name, input: t.input });
    events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: `toolu_${i}`, name: t.name, input: {} } });
    for (const p of splitAt(argsOf(a)[i]!, t.cuts)) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: p } });
    events.push({ type: 'content_block_stop', index: index++ });
  });
  events.push({ type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: a.output } }, { type: 'message_stop' });
  const json = { id: 'msg_prop', type: 'message', role: 'assistant', model: 'claude-x', content, stop_reason: stop, stop_sequence: null, usage };
  return { json, sse: anthropicFrames(events) };
}

/** What both sides must agree on: the message as a client program reads it. */
const anthropicView = (m: Anthropic.Message) => ({
  id: m.id,
  model: m.model,
  content: m.content.map((b) => (b.type === 'tool_use' ? { type: b.type, id: b.id, name: b.name, input: b.input } : b)),
  stop_reason: m.stop_reason,
  usage: { input_tokens: m.usage.input_tokens, output_tokens: m.usage.output_tokens, cache_read_input_tokens: m.usage.cache_read_input_tokens },
});
const openaiView = (c: OpenAI.ChatCompletion, withUsage: boolean) => ({
  id: c.id,
  model: c.model,
  content: c.choices[0]!.message.content ?? null,
  tool_calls: (c.choices[0]!.message.tool_calls ?? []).map((t) => (t.type === 'function' ? { id: t.id, name: t.function.name, arguments: t.function.arguments } : t)),
  finish_reason: c.choices[0]!.finish_reason,
  usage: withUsage ? { prompt: c.usage?.prompt_tokens, completion: c.usage?.completion_tokens, cached: c.usage?.prompt_tokens_details?.cached_tokens } : undefined,
});

describe('translated streams read by the real SDKs', () => {
  it('Anthropic SDK over an OpenAI upstream: the streamed message equals the translated JSON message', async () => {
    await fc.assert(fc.asyncProperty(answer, fc.array(fc.nat(), { maxLength: 12 }), async (a, cuts) => {
      const up = openaiUpstream(a);
      const wire = translateText(translateStream('anthropic-messages', 'openai'), up.sse);
      const client = new Anthropic({ apiKey: 'k', baseURL: 'http://translate.test', maxRetries: 0, fetch: async () => sseResponse(wire, cuts) });
      const streamed = await client.messages.stream({ model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
      const whole = translateResponse('anthropic-messages', 'openai', 200, up.json) as unknown as Anthropic.Message;
      assert.deepEqual(anthropicView(streamed), anthropicView(whole));
    }), { numRuns: 150 });
  });

  it('OpenAI SDK over an Anthropic upstream: the streamed completion equals the translated JSON completion', async () => {
    await fc.assert(fc.asyncProperty(answer, fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), async (a, includeUsage, cuts) => {
      const up = anthropicUpstream(a);
      const wire = translateText(translateStream('openai-chat', 'anthropic', { includeUsage, created: 1 }), up.sse);
      const client = new OpenAI({ apiKey: 'k', baseURL: 'http://translate.test', maxRetries: 0, fetch: async () => sseResponse(wire, cuts) });
      const streamed = await client.chat.completions.stream({ model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }], stream_options: { include_usage: includeUsage } }).finalChatCompletion();
      const whole = translateResponse('openai-chat', 'anthropic', 200, up.json, { created: 1 }) as unknown as OpenAI.ChatCompletion;
      assert.deepEqual(openaiView(streamed, includeUsage), openaiView(whole, includeUsage));
    }), { numRuns: 150 });
  });
});

describe('translated errors read by the real SDKs', () => {
  const jsonResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  it('an upstream error status reaches each SDK as its own error class, with the message kept', async () => {
    const fromOpenai = translateResponse('anthropic-messages', 'openai', 429, { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } });
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: 'http://translate.test', maxRetries: 0, fetch: async () => jsonResponse(429, fromOpenai) });
    await assert.rejects(anthropic.messages.create({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => err instanceof Anthropic.RateLimitError && /Rate limit reached/.test(err.message));

    const fromAnthropic = translateResponse('openai-chat', 'anthropic', 401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
    const openai = new OpenAI({ apiKey: 'k', baseURL: 'http://translate.test', maxRetries: 0, fetch: async () => jsonResponse(401, fromAnthropic) });
    await assert.rejects(openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }), (err: unknown) => err instanceof OpenAI.AuthenticationError && err.code === 'invalid_api_key' && /invalid x-api-key/.test(err.message));
  });

  it('an error in the middle of a stream makes each SDK throw instead of returning a truncated answer', async () => {
    const openaiUp = openaiFrames([{ id: 'c', model: 'g', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] }, { error: { message: 'boom', type: 'server_error', param: null, code: null } }], false);
    const wire = translateText(translateStream('anthropic-messages', 'openai'), openaiUp);
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: 'http://translate.test', maxRetries: 0, fetch: async () => sseResponse(wire, []) });
    await assert.rejects(anthropic.messages.stream({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] }).finalMessage(), (err: unknown) => err instanceof Anthropic.APIError && /boom/.test(err.message));

    const anthropicUp = anthropicFrames([{ type: 'message_start', message: { id: 'msg', model: 'c', usage: {} } }]);
    const cut = translateText(translateStream('openai-chat', 'anthropic', { created: 1 }), anthropicUp);
    const openai = new OpenAI({ apiKey: 'k', baseURL: 'http://translate.test', maxRetries: 0, fetch: async () => sseResponse(cut, []) });
    await assert.rejects(openai.chat.completions.stream({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }).finalChatCompletion(), (err: unknown) => err instanceof OpenAI.APIError && /ended before the answer was complete/.test(err.message));
  });
});
