import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChatCompletionStream } from 'openai/lib/ChatCompletionStream';
import { restoreText } from '../../../../gateway/response/restore/restore-text.js';
import { openaiChat } from '../../../../gateway/response/shapes/openai-chat.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';
import { argsArb, ClientView, deepRestore, ndjson, plant, runTransform, splitArb, upstreamText } from '../restore/stream-fixtures.js';

const openaiChatRestore = openaiChat.restore.stream;
const planted = plant();
const { session } = planted;
const restore = (s: string) => restoreText(s, session.lookup);

const envelope = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-x', system_fingerprint: 'fp_1', usage: null };
const chunk = (choices: unknown[], extra: object = {}): SseEvent => ({ data: JSON.stringify({ ...envelope, choices, ...extra }) });
const choice = (delta: object, finish: string | null = null, index = 0) => ({ index, delta, logprobs: null, finish_reason: finish });

interface Scenario {
  content: string[];
  tools: { args: Record<string, unknown>; pieces: string[] }[];
  /** The last content piece rides on the finishing chunk. */
  contentOnFinish: boolean;
}

function upstream(s: Scenario): SseEvent[] {
  const events = [chunk([choice({ role: 'assistant', content: '' })])];
  const content = s.contentOnFinish ? s.content.slice(0, -1) : s.content;
  for (const piece of content) events.push(chunk([choice({ content: piece })]));
  s.tools.forEach((tool, j) => {
    events.push(chunk([choice({ tool_calls: [{ index: j, id: `call_${j}`, type: 'function', function: { name: `fn_${j}`, arguments: '' } }] })]));
    for (const piece of tool.pieces) events.push(chunk([choice({ tool_calls: [{ index: j, function: { arguments: piece } }] })]));
  });
  const last = s.contentOnFinish ? { content: s.content.at(-1) } : {};
  events.push(chunk([choice(last, s.tools.length > 0 ? 'tool_calls' : 'stop')]));
  events.push(chunk([], { usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } }));
  events.push({ data: '[DONE]' });
  return events;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(upstreamText(planted), fc.array(argsArb(planted), { maxLength: 2 }), fc.boolean())
  .chain(([text, argsList, contentOnFinish]) =>
    fc.record({
      content: splitArb(text),
      tools: fc.tuple(...argsList.map((args) => splitArb(JSON.stringify(args)).map((pieces) => ({ args, pieces })))),
      contentOnFinish: fc.constant(contentOnFinish),
    }),
  );

/** Blank the restorable text so what remains must be byte-for-byte what upstream sent. */
function skeleton(data: string): unknown {
  if (data === '[DONE]') return data;
  const c = JSON.parse(data);
  for (const ch of c.choices) {
    if (typeof ch.delta?.content === 'string') ch.delta.content = '';
    for (const tc of ch.delta?.tool_calls ?? []) if (tc.function) tc.function.arguments = '';
  }
  return c;
}

test('any split of a chat stream restores content and tool arguments exactly once', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const text = s.content.join('');
      const expected = new Map([['content', restore(text)]]);
      s.tools.forEach((t, j) => expected.set(`tool:${j}`, restoreText(JSON.stringify(t.args), session.lookup, true)));
      const view = new ClientView(expected);
      const input = upstream(s);
      const outputs = runTransform(openaiChatRestore(session.lookup), input);
      outputs.forEach((out, i) => {
        for (const ev of out) {
          if (ev.data === '[DONE]') continue;
          for (const ch of JSON.parse(ev.data).choices) {
            if (typeof ch.delta.content === 'string') view.add('content', ch.delta.content);
            for (const tc of ch.delta.tool_calls ?? []) view.add(`tool:${tc.index}`, tc.function.arguments);
          }
        }
        // The pushed event itself comes last in its output, everything but the text unchanged.
        if (i < input.length) assert.deepEqual(skeleton(out.at(-1)!.data), skeleton(input[i]!.data));
        else assert.deepEqual(out, []);
      });
      assert.equal(view.final('content'), expected.get('content'));
      s.tools.forEach((t, j) => assert.deepEqual(JSON.parse(view.final(`tool:${j}`)), deepRestore(t.args, restore)));
      assert.equal(outputs.flat().at(-1)!.data, '[DONE]');
    }),
    { numRuns: 400 },
  );
});

test('the official SDK accumulates the restored stream into the restored message', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      const events = runTransform(openaiChatRestore(session.lookup), upstream(s)).flat();
      const done = await ChatCompletionStream.fromReadableStream(ndjson(events)).finalChatCompletion();
      const message = done.choices[0]!.message;
      assert.equal(message.content ?? '', restore(s.content.join('')));
      s.tools.forEach((t, j) => {
        const call = message.tool_calls![j]!;
        assert.equal(call.type === 'function' && call.function.name, `fn_${j}`);
        assert.deepEqual(call.type === 'function' && JSON.parse(call.function.arguments), deepRestore(t.args, restore));
      });
    }),
    { numRuns: 60 },
  );
});

test('events with nothing to restore pass through untouched, without re-serialising', () => {
  const t = openaiChatRestore(session.lookup);
  const ev = chunk([choice({ content: 'plain text, logprobs [1, 2]' })]);
  assert.equal(t.push(ev)[0], ev);
  const odd = { data: '{"choices":[{"delta":{"content":"[x]"}}],  "spacing": 1}' };
  assert.equal(t.push(odd)[0], odd);
});

test('a held tail is flushed before [DONE] even without a finish chunk, and at end()', () => {
  const t = openaiChatRestore(session.lookup);
  const [first] = t.push(chunk([choice({ content: `hi ${planted.placeholders.EMAIL!.slice(0, 9)}` })]));
  assert.equal(JSON.parse(first!.data).choices[0].delta.content, 'hi ');
  const out = t.push({ data: '[DONE]' });
  assert.equal(out.length, 2);
  assert.equal(JSON.parse(out[0]!.data).choices[0].delta.content, planted.placeholders.EMAIL!.slice(0, 9));
  assert.equal(JSON.parse(out[0]!.data).id, 'chatcmpl-1');
  const t2 = openaiChatRestore(session.lookup);
  t2.push(chunk([choice({ content: '[[' })]));
  assert.equal(JSON.parse(t2.end()[0]!.data).choices[0].delta.content, '[[');
});

test('choices and tool calls are restored independently', () => {
  const ph = planted.placeholders;
  const t = openaiChatRestore(session.lookup);
  const split = (p: string, at: number) => [p.slice(0, at), p.slice(at)];
  const [a1, a2] = split(ph.EMAIL!, 5);
  const [b1, b2] = split(ph.PHONE!, 12);
  const events = [
    chunk([choice({ content: `A:${a1}` }, null, 0), choice({ content: `B:${b1}` }, null, 1)]),
    chunk([choice({ content: b2 }, null, 1)]),
    chunk([choice({ content: a2 }, 'stop', 0)]),
    chunk([choice({}, 'stop', 1)]),
  ];
  const seen = ['', ''];
  for (const ev of events.flatMap((e) => t.push(e))) {
    for (const ch of JSON.parse(ev.data).choices) seen[ch.index] += ch.delta.content ?? '';
  }
  assert.deepEqual(seen, [`A:${session.lookup(ph.EMAIL!)}`, `B:${session.lookup(ph.PHONE!)}`]);
});
