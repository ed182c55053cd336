import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { openaiChatGate } from '../../../../gateway/response/tool-call-gate/openai-chat.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';
import { argsTextArb, decisionArb, Harness, ndjson, refusalFor, splitArb, type Decision } from './fixtures.js';

const envelope = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-x', system_fingerprint: 'fp_1' };
const chunk = (choices: unknown[], extra: object = {}): SseEvent => ({ data: JSON.stringify({ ...envelope, choices, ...extra }) });
const choice = (delta: object, finish: string | null = null, index = 0) => ({ index, delta, logprobs: null, finish_reason: finish });
const start = (j: number, args = '', choiceIndex = 0) =>
  chunk([choice({ tool_calls: [{ index: j, id: `call_${j}`, type: 'function', function: { name: `fn_${j}`, arguments: args } }] }, null, choiceIndex)]);
const args = (j: number, piece: string, choiceIndex = 0) => chunk([choice({ tool_calls: [{ index: j, function: { arguments: piece } }] }, null, choiceIndex)]);
const gate = (h: Harness) => openaiChatGate(h.judge);

interface Scenario {
  text: string[];
  tools: { args: string; pieces: string[] }[];
  /** The first argument piece rides on the call's first chunk. */
  argsInStart: boolean;
  /** The last piece of the last call rides on the finishing chunk. */
  lastOnFinish: boolean;
  decisions: Decision[];
}

function upstream(s: Scenario): SseEvent[] {
  const events: SseEvent[] = [];
  const hasText = s.text.join('') !== '';
  if (hasText || s.tools.length === 0) events.push(chunk([choice({ role: 'assistant', content: '' })]));
  if (hasText) for (const p of s.text) events.push(chunk([choice({ content: p })]));
  let onFinish: object = {};
  s.tools.forEach((t, j) => {
    const pieces = [...t.pieces];
    if (s.lastOnFinish && j === s.tools.length - 1 && pieces.length > 1) onFinish = { tool_calls: [{ index: j, function: { arguments: pieces.pop() } }] };
    const first = s.argsInStart ? pieces.shift()! : '';
    const role = !hasText && j === 0 ? { role: 'assistant', content: null } : {};
    events.push(chunk([choice({ ...role, tool_calls: [{ index: j, id: `call_${j}`, type: 'function', function: { name: `fn_${j}`, arguments: first } }] })]));
    for (const p of pieces) events.push(args(j, p));
  });
  events.push(chunk([choice(onFinish, s.tools.length > 0 ? 'tool_calls' : 'stop')]));
  events.push(chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }));
  events.push({ data: '[DONE]' });
  return events;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(fc.string({ maxLength: 12 }), fc.array(argsTextArb, { maxLength: 3 }))
  .chain(([text, argsList]) =>
    fc.record({
      text: splitArb(text),
      tools: fc.tuple(...argsList.map((a) => splitArb(a).map((pieces) => ({ args: a, pieces })))),
      argsInStart: fc.boolean(),
      lastOnFinish: fc.boolean(),
      decisions: fc.array(decisionArb, { minLength: 3, maxLength: 3 }),
    }),
  );

const isToolEvent = (e: SseEvent) => e.data.includes('tool_calls');

test('chat: text flows, released calls arrive byte for byte and re-indexed, refused ones become text', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      const h = new Harness(s.decisions);
      const input = upstream(s);
      const out = await h.run(gate(h), input);
      const n = s.tools.length;
      const call = (j: number) => ({ id: `call_${j}`, name: `fn_${j}`, arguments: s.tools[j]!.args, index: j });

      assert.deepEqual(h.asked.map((a) => a.call), s.tools.map((_, j) => call(j)));
      assert.ok(h.flowedBeforeJudging(input, (e) => !isToolEvent(e)), 'text reached the client before the judge was asked');
      // Every event without a tool call passes as the very same object, in order.
      const passed = input.filter((e) => !isToolEvent(e));
      assert.deepEqual(out.filter((e) => passed.includes(e)), passed);
      if (!s.decisions.slice(0, n).some((d) => d.async)) assert.ok(h.allSync, 'synchronous judge, synchronous transform');

      const released = s.tools.map((_, j) => j).filter((j) => h.decisionFor(j).release);
      const refusals = s.tools.map((_, j) => j).filter((j) => !h.decisionFor(j).release).map((j) => refusalFor(call(j)));
      const indexes = out.filter((e) => e.data !== '[DONE]').flatMap((e) => JSON.parse(e.data).choices.flatMap((c: { delta: { tool_calls?: { index: number }[] } }) => (c.delta.tool_calls ?? []).map((tc) => tc.index)));
      assert.deepEqual([...new Set(indexes)], released.map((_, k) => k));

      const done = await ChatCompletionStream.fromReadableStream(ndjson(out)).finalChatCompletion();
      const message = done.choices[0]!.message;
      assert.equal(message.content ?? '', [s.text.join(''), ...refusals].filter((t) => t !== '').join('\n\n'));
      assert.deepEqual(
        (message.tool_calls ?? []).map((tc) => tc.type === 'function' && [tc.id, tc.function.name, tc.function.arguments]),
        released.map((j) => [`call_${j}`, `fn_${j}`, s.tools[j]!.args]),
      );
      for (const tc of message.tool_calls ?? []) if (tc.type === 'function') JSON.parse(tc.function.arguments);
      assert.equal(done.choices[0]!.finish_reason, released.length > 0 ? 'tool_calls' : 'stop');
      assert.equal(out.at(-1)!.data, '[DONE]');
    }),
    { numRuns: 200 },
  );
});

test('chat: a released call that keeps its index goes out as the same event objects', async () => {
  const h = new Harness([{ release: true, async: true }]);
  const input = [start(0), args(0, '{"a":'), args(0, '1}'), chunk([choice({}, 'tool_calls')]), { data: '[DONE]' }];
  const t = gate(h);
  assert.deepEqual(t.push(input[0]!), []);
  assert.deepEqual(t.push(input[1]!), []);
  assert.deepEqual(t.push(input[2]!), []);
  const finishing = t.push(input[3]!);
  assert.ok(finishing instanceof Promise, 'waits for the judge');
  const out = await finishing;
  assert.equal(out.length, 4);
  out.forEach((e, i) => assert.equal(e, input[i]));
  assert.deepEqual(t.push(input[4]!), [input[4]]);
});

test('chat: a refused first call takes its role along; the next call becomes index 0', async () => {
  const h = new Harness([{ release: false, async: false }, { release: true, async: false }]);
  const first = chunk([choice({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_0', type: 'function', function: { name: 'fn_0', arguments: '{}' } }] })]);
  const out = await h.run(gate(h), [first, start(1, '{"b":2}'), chunk([choice({}, 'tool_calls')]), { data: '[DONE]' }]);
  const [refusal, second, finish] = out.map((e) => (e.data === '[DONE]' ? undefined : JSON.parse(e.data)));
  assert.deepEqual(refusal.choices[0].delta, { role: 'assistant', content: refusalFor({ name: 'fn_0', arguments: '{}', index: 0 }) });
  assert.equal(refusal.id, 'chatcmpl-1');
  assert.equal(second.choices[0].delta.tool_calls[0].index, 0);
  assert.equal(second.choices[0].delta.tool_calls[0].id, 'call_1');
  assert.equal(finish.choices[0].finish_reason, 'tool_calls');
});

test('chat: interleaved deltas keep an incomplete call withheld until the finish', async () => {
  const h = new Harness([]);
  const t = gate(h);
  await h.run(t, [start(0, '{"a":'), start(1, '{"b":'), args(0, '1}'), args(1, '2}'), chunk([choice({}, 'tool_calls')])]);
  assert.deepEqual(h.asked.map((a) => a.call.arguments), ['{"a":1}', '{"b":2}']);
  const done = await ChatCompletionStream.fromReadableStream(ndjson(h.out)).finalChatCompletion().catch((e: unknown) => e);
  assert.ok(done instanceof Error, 'no role in this fragment: the SDK complains about that, not about the calls');
  const argsOut = h.out.flatMap((e) => JSON.parse(e.data).choices[0].delta.tool_calls ?? []).map((tc: { index: number; function: { arguments: string } }) => [tc.index, tc.function.arguments]);
  assert.deepEqual(argsOut, [[0, '{"a":'], [0, '1}'], [1, '{"b":'], [1, '2}']]);
});

test('chat: two choices are withheld and judged separately; text of the other choice flows', async () => {
  const h = new Harness([{ release: false, async: true }, { release: true, async: true }]);
  const t = gate(h);
  const text1 = chunk([choice({ content: 'hello' }, null, 1)]);
  const input = [
    chunk([choice({ role: 'assistant', content: null }, null, 0), choice({ role: 'assistant', content: '' }, null, 1)]),
    start(0, '{"x":1}', 0),
    text1,
    start(0, '{"y":2}', 1),
    chunk([choice({}, 'tool_calls', 0), choice({}, 'tool_calls', 1)]),
    { data: '[DONE]' },
  ];
  const out = await h.run(t, input);
  assert.ok(out.indexOf(text1) === 1, 'text of choice 1 passed the withheld call of choice 0');
  const done = await ChatCompletionStream.fromReadableStream(ndjson(out)).finalChatCompletion();
  assert.equal(done.choices[0]!.finish_reason, 'stop');
  // Whether text came before is tracked per response, not per choice (that would cost a parse per event).
  assert.equal(done.choices[0]!.message.content, `\n\n${refusalFor({ name: 'fn_0', arguments: '{"x":1}', index: 0 })}`);
  assert.equal(done.choices[0]!.message.tool_calls?.length ?? 0, 0);
  assert.equal(done.choices[1]!.finish_reason, 'tool_calls');
  assert.equal(done.choices[1]!.message.content, 'hello');
  const tc = done.choices[1]!.message.tool_calls![0]!;
  assert.equal(tc.type === 'function' && tc.function.arguments, '{"y":2}');
});

test('chat: without a finish chunk, calls are judged at [DONE] or at the end', async () => {
  for (const tail of [[{ data: '[DONE]' }], []]) {
    const h = new Harness([]);
    const out = await h.run(gate(h), [start(0, '{}'), ...tail]);
    assert.equal(h.asked.length, 1);
    assert.equal(out.length, 1 + tail.length);
    assert.equal(JSON.parse(out[0]!.data).choices[0].delta.tool_calls[0].function.arguments, '{}');
  }
});

test('chat: text in the chunk that starts a call flows at once; the call is withheld', () => {
  const h = new Harness([]);
  const t = gate(h);
  const out = t.push(chunk([choice({ content: 'Running it.', tool_calls: [{ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '' } }] })]));
  assert.ok(Array.isArray(out));
  assert.equal(out.length, 1);
  assert.deepEqual(JSON.parse(out[0]!.data).choices[0].delta, { content: 'Running it.' });
});

test('chat: events without tool calls are not parsed while nothing is withheld', () => {
  const t = gate(new Harness([]));
  const odd = { data: '{"choices":[{"delta":{"content":"hi"}}],   "spacing": 1}' };
  assert.equal((t.push(odd) as SseEvent[])[0], odd);
  const notJson = { data: 'not json' };
  assert.equal((t.push(notJson) as SseEvent[])[0], notJson);
});
