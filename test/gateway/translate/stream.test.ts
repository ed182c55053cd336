// Stream translation, golden: the providers' documented stream examples and every event the fake
// provider emits, through the gateway's own SSE transcoder, checked event by event and in order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translateStream } from '../../../gateway/translate/index.js';
import { anthropicStream } from '../../fake-provider/shapes/anthropic.js';
import { chatStream } from '../../fake-provider/shapes/chat.js';
import { anthropicFrames, openaiFrames, readEvents, translateText, type Payload } from './helpers.js';

const toOpenai = (upstream: string, includeUsage = true) => readEvents(translateText(translateStream('openai-chat', 'anthropic', { includeUsage, created: 1 }), upstream));
const toAnthropic = (upstream: string) => readEvents(translateText(translateStream('anthropic-messages', 'openai'), upstream));

/** Anthropic events in their wire form: `event:` named after the payload's type. */
const ev = (data: Payload) => ({ event: data.type, data });

describe('Anthropic events → OpenAI chunks', () => {
  const base = { id: 'msg_014p7gG3wDgGV9EUtLvnow3U', object: 'chat.completion.chunk', created: 1, model: 'claude-opus-4-6' };
  const chunk = (delta: object, finish: string | null = null) => ({ data: { ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null } });

  it('the documented tool-use stream: text, then a tool call whose arguments arrive as input_json_delta', () => {
    const upstream = anthropicFrames([
      { type: 'message_start', message: { id: 'msg_014p7gG3wDgGV9EUtLvnow3U', type: 'message', role: 'assistant', model: 'claude-opus-4-6', stop_sequence: null, usage: { input_tokens: 472, output_tokens: 2 }, content: [], stop_reason: null } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Okay' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ', let me check.' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"location":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: ' "San Francisco, CA"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 89 } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(toOpenai(upstream), [
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Okay' }),
      chunk({ content: ', let me check.' }),
      chunk({ tool_calls: [{ index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: ' "San Francisco, CA"}' } }] }),
      chunk({}, 'tool_calls'),
      { data: { ...base, choices: [], usage: { prompt_tokens: 472, completion_tokens: 89, total_tokens: 561, prompt_tokens_details: { cached_tokens: 0 } } } },
      { data: '[DONE]' },
    ]);
  });

  it('without include_usage: no usage field and no usage chunk; thinking blocks left out; tool indexes count tools only', () => {
    const upstream = anthropicFrames([
      { type: 'message_start', message: { id: 'msg_1', model: 'claude-opus-4-6', usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'a', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'b', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"x":1}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ]);
    const data = toOpenai(upstream, false).map((e) => e.data as { usage?: unknown; choices: { delta: object; finish_reason: string | null }[] } | string);
    assert.ok(data.every((d) => typeof d === 'string' || !('usage' in d)));
    assert.deepEqual(data.map((d) => (typeof d === 'string' ? d : [d.choices[0]!.delta, d.choices[0]!.finish_reason])), [
      [{ role: 'assistant', content: '' }, null],
      [{ tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'a', arguments: '' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }, null],
      [{ tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'b', arguments: '' } }] }, null],
      [{ tool_calls: [{ index: 1, function: { arguments: '{"x":1}' } }] }, null],
      [{}, 'length'],
      '[DONE]',
    ]);
  });

  it('every event the fake provider emits, text and tool use', () => {
    const r = { model: 'claude-fake', inputTokens: 12, includeUsage: false };
    const text = [...anthropicStream(r, ['echo', ': hi'])].join('');
    const id = /"id":"(msg_[^"]+)"/.exec(text)![1];
    const fake = { id, object: 'chat.completion.chunk', created: 1, model: 'claude-fake' };
    const c = (delta: object, finish: string | null = null) => ({ data: { ...fake, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], usage: null } });
    assert.deepEqual(toOpenai(text), [
      c({ role: 'assistant', content: '' }),
      c({ content: 'echo' }),
      c({ content: ': hi' }),
      c({}, 'stop'),
      { data: { ...fake, choices: [], usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14, prompt_tokens_details: { cached_tokens: 0 } } } },
      { data: '[DONE]' },
    ]);

    const tool = [...anthropicStream({ ...r, toolName: 'echo_tool' }, ['{"echo":', '"hi"}'])].join('');
    const toolId = /"id":"(toolu_[^"]+)"/.exec(tool)![1];
    const deltas = toOpenai(tool, false).map((e) => (typeof e.data === 'string' ? e.data : (e.data as { choices: { delta: object; finish_reason: string | null }[] }).choices[0]));
    assert.deepEqual(deltas.map((d) => (typeof d === 'string' ? d : [d!.delta, d!.finish_reason])), [
      [{ role: 'assistant', content: '' }, null],
      [{ tool_calls: [{ index: 0, id: toolId, type: 'function', function: { name: 'echo_tool', arguments: '' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '{"echo":' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '"hi"}' } }] }, null],
      [{}, 'tool_calls'],
      '[DONE]',
    ]);
  });

  it('an upstream error event becomes the OpenAI error chunk, and nothing follows it', () => {
    const upstream = anthropicFrames([
      { type: 'message_start', message: { id: 'msg_1', model: 'c', usage: {} } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      { type: 'message_stop' },
    ]);
    const out = toOpenai(upstream);
    assert.equal(out.length, 3);
    assert.deepEqual(out[2], { data: { error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' } } });
  });

  it('a stream that ends before message_stop ends with an error chunk instead of [DONE]', () => {
    const upstream = anthropicFrames([{ type: 'message_start', message: { id: 'msg_1', model: 'c', usage: {} } }]);
    const out = toOpenai(upstream);
    assert.deepEqual(out.at(-1), { data: { error: { message: 'Upstream stream ended before the answer was complete', type: 'server_error', param: null, code: null } } });
  });
});

describe('OpenAI chunks → Anthropic events', () => {
  const base = { id: 'chatcmpl-123', object: 'chat.completion.chunk', created: 1694268190, model: 'gpt-4o-mini', system_fingerprint: 'fp_44709d6fcb' };
  const chunk = (delta: object, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const start = (id = 'chatcmpl-123', model = 'gpt-4o-mini') => ev({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 0, output_tokens: 0 } } });
  const usage = (input: number, output: number, cached = 0) => ({ input_tokens: input - cached, cache_creation_input_tokens: 0, cache_read_input_tokens: cached, output_tokens: output });

  it('the documented text stream with the usage chunk: one text block, message_delta after the usage arrived', () => {
    const upstream = openaiFrames([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: 'Hello' }),
      chunk({ content: '!' }),
      chunk({}, 'stop'),
      { ...base, choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11, prompt_tokens_details: { cached_tokens: 4 } } },
    ]);
    assert.deepEqual(toAnthropic(upstream), [
      start(),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '!' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: usage(9, 2, 4) }),
      ev({ type: 'message_stop' }),
    ]);
  });

  it('text then parallel tool calls: each block stopped before the next starts, ids kept, arguments as input_json_delta', () => {
    const upstream = openaiFrames([
      chunk({ role: 'assistant', content: 'Checking both.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":"Paris, France"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"loc' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: 'ation":"Bogotá"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assert.deepEqual(toAnthropic(upstream), [
      start(),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Checking both.' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA', name: 'get_weather', input: {} } }),
      ev({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"location":"Paris, France"}' } }),
      ev({ type: 'content_block_stop', index: 1 }),
      ev({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'call_2', name: 'get_weather', input: {} } }),
      ev({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"loc' } }),
      ev({ type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'ation":"Bogotá"}' } }),
      ev({ type: 'content_block_stop', index: 2 }),
      ev({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: usage(0, 0) }),
      ev({ type: 'message_stop' }),
    ]);
  });

  it('every event the fake provider emits, text (with and without the usage chunk) and tool calls', () => {
    for (const includeUsage of [true, false]) {
      const r = { model: 'gpt-fake', inputTokens: 12, includeUsage };
      const text = [...chatStream(r, ['echo', ': hi'])].join('');
      const id = /"id":"(chatcmpl-[^"]+)"/.exec(text)![1];
      assert.deepEqual(toAnthropic(text), [
        start(id, 'gpt-fake'),
        ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
        ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'echo' } }),
        ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ': hi' } }),
        ev({ type: 'content_block_stop', index: 0 }),
        ev({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: includeUsage ? usage(12, 2) : usage(0, 0) }),
        ev({ type: 'message_stop' }),
      ]);
    }
    const tool = [...chatStream({ model: 'gpt-fake', inputTokens: 3, includeUsage: true, toolName: 'echo_tool' }, ['{"echo":', '"hi"}'])].join('');
    const id = /"id":"(chatcmpl-[^"]+)"/.exec(tool)![1];
    const callId = /"id":"(call_[^"]+)"/.exec(tool)![1];
    assert.deepEqual(toAnthropic(tool), [
      start(id, 'gpt-fake'),
      ev({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: callId, name: 'echo_tool', input: {} } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"echo":' } }),
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"hi"}' } }),
      ev({ type: 'content_block_stop', index: 0 }),
      ev({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: usage(3, 4) }),
      ev({ type: 'message_stop' }),
    ]);
  });

  it('reads only choice 0, skips reasoning deltas and a tool call without an id gets one', () => {
    const upstream = openaiFrames([
      chunk({ role: 'assistant', reasoning_content: 'thinking…' }),
      { ...base, choices: [{ index: 1, delta: { content: 'other choice' }, finish_reason: null }] },
      chunk({ tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const out = toAnthropic(upstream);
    const block = (out[1]!.data as { content_block: { id: string; name: string } }).content_block;
    assert.match(block.id, /^toolu_[0-9a-f]{24}$/);
    assert.equal(block.name, 'f');
    assert.deepEqual(out.map((e) => e.event), ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('tool calls without an index (some compatible servers) are told apart by id, and a piece with neither continues the last call', () => {
    const upstream = openaiFrames([
      chunk({ tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'a', arguments: '{"x":' } }, { id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ function: { arguments: '"more"' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const starts = toAnthropic(upstream).filter((e) => e.event === 'content_block_start').map((e) => (e.data as { index: number; content_block: { id: string } }));
    assert.deepEqual(starts.map((s) => [s.index, s.content_block.id]), [[0, 'call_a'], [1, 'call_b']]);
    const deltas = toAnthropic(upstream).filter((e) => e.event === 'content_block_delta').map((e) => (e.data as { index: number; delta: { partial_json: string } }));
    assert.deepEqual(deltas.map((d) => [d.index, d.delta.partial_json]), [[0, '{"x":'], [1, '{}'], [1, '"more"']]);
  });

  it('tool calls finished with "stop" (Ollama does) still stop for tool_use', () => {
    const out = toAnthropic(openaiFrames([chunk({ tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'f', arguments: '{}' } }] }), chunk({}, 'stop')]));
    assert.equal((out.find((e) => e.event === 'message_delta')!.data as { delta: { stop_reason: string } }).delta.stop_reason, 'tool_use');
  });

  it('a finish reason without [DONE] still closes the message; a cut stream or a bare [DONE] ends with an error event', () => {
    const noDone = toAnthropic(openaiFrames([chunk({ content: 'a' }), chunk({}, 'length')], false));
    assert.deepEqual(noDone.map((e) => e.event), ['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    assert.equal((noDone[4]!.data as { delta: { stop_reason: string } }).delta.stop_reason, 'max_tokens');

    const cut = toAnthropic(openaiFrames([chunk({ content: 'a' })], false));
    assert.deepEqual(cut.at(-1), { event: 'error', data: { type: 'error', error: { type: 'api_error', message: 'Upstream stream ended before the answer was complete' } } });
    assert.deepEqual(toAnthropic(openaiFrames([])).map((e) => e.event), ['error']);
  });

  it('an upstream error chunk becomes the Anthropic error event, and nothing follows it', () => {
    const out = toAnthropic(openaiFrames([chunk({ content: 'a' }), { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } }, chunk({ content: 'b' })]));
    assert.deepEqual(out.at(-1), { event: 'error', data: { type: 'error', error: { type: 'api_error', message: 'The server had an error' } } });
    assert.equal(out.filter((e) => e.event === 'error').length, 1);
    assert.equal(out.filter((e) => e.event === 'content_block_delta').length, 1);
  });
});

describe('same API on both sides', () => {
  it('is the identity', () => {
    const t = translateStream('openai-chat', 'openai');
    const e = { data: '{"x":1}' };
    assert.deepEqual(t.push(e), [e]);
    assert.deepEqual(t.end(), []);
  });
});
