import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import { anthropicMessagesGate } from '../../../../gateway/response/tool-call-gate/anthropic-messages.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';
import { argsTextArb, decisionArb, Harness, ndjson, refusalFor, splitArb, type Decision } from './fixtures.js';

const ev = (type: string, body: object = {}): SseEvent => ({ event: type, data: JSON.stringify({ type, ...body }) });
const delta = (index: number, d: object) => ev('content_block_delta', { index, delta: d });
const usage = { input_tokens: 1, output_tokens: 2 };
const messageStart = ev('message_start', {
  message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-x', stop_reason: null, stop_sequence: null, usage },
});
const gate = (h: Harness) => anthropicMessagesGate(h.judge);

interface Scenario {
  thinking: boolean;
  text: string[];
  tools: { args: string; pieces: string[]; streamed: boolean }[];
  decisions: Decision[];
}

/** Block index of each tool call in `upstream(s)`. */
const toolBase = (s: Scenario) => (s.thinking ? 1 : 0) + 1;

function upstream(s: Scenario): SseEvent[] {
  const events = [messageStart];
  if (s.thinking) {
    events.push(ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    events.push(delta(0, { type: 'thinking_delta', thinking: 'let me see' }), delta(0, { type: 'signature_delta', signature: 'c2ln' }));
    events.push(ev('content_block_stop', { index: 0 }));
  }
  const t = toolBase(s) - 1;
  events.push(ev('content_block_start', { index: t, content_block: { type: 'text', text: '' } }), ev('ping'));
  for (const p of s.text) events.push(delta(t, { type: 'text_delta', text: p }));
  events.push(ev('content_block_stop', { index: t }));
  s.tools.forEach((tool, j) => {
    const index = toolBase(s) + j;
    const input = tool.streamed ? {} : (JSON.parse(tool.args) as object);
    events.push(ev('content_block_start', { index, content_block: { type: 'tool_use', id: `toolu_${j}`, name: `fn_${j}`, input } }));
    if (tool.streamed) for (const p of tool.pieces) events.push(delta(index, { type: 'input_json_delta', partial_json: p }));
    events.push(ev('content_block_stop', { index }));
  });
  events.push(ev('message_delta', { delta: { stop_reason: s.tools.length > 0 ? 'tool_use' : 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } }));
  events.push(ev('message_stop'));
  return events;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(fc.string({ maxLength: 12 }), fc.array(argsTextArb, { maxLength: 3 }))
  .chain(([text, argsList]) =>
    fc.record({
      thinking: fc.boolean(),
      text: splitArb(text),
      tools: fc.tuple(...argsList.map((a) => fc.tuple(splitArb(a), fc.boolean()).map(([pieces, streamed]) => ({ args: a, pieces, streamed })))),
      decisions: fc.array(decisionArb, { minLength: 3, maxLength: 3 }),
    }),
  );

const indexOf = (e: SseEvent): unknown => (JSON.parse(e.data) as { index?: unknown }).index;

test('anthropic: text flows, released tool_use blocks arrive byte for byte, refused ones become text blocks', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      const h = new Harness(s.decisions);
      const input = upstream(s);
      const out = await h.run(gate(h), input);
      const base = toolBase(s);
      const isTool = (e: SseEvent) => e.data.includes('tool_use') || (typeof indexOf(e) === 'number' && (indexOf(e) as number) >= base);
      const call = (j: number) => ({ id: `toolu_${j}`, name: `fn_${j}`, arguments: s.tools[j]!.args, index: j });

      assert.deepEqual(h.asked.map((a) => a.call), s.tools.map((_, j) => call(j)));
      assert.ok(h.flowedBeforeJudging(input, (e) => !isTool(e)), 'text reached the client before the judge was asked');
      const passed = input.filter((e) => !isTool(e));
      assert.deepEqual(out.filter((e) => passed.includes(e)), passed);
      if (!s.decisions.slice(0, s.tools.length).some((d) => d.async)) assert.ok(h.allSync);

      // Streamed input of a released block, exactly as upstream sent it.
      s.tools.forEach((tool, j) => {
        const partial = out.filter((e) => indexOf(e) === base + j && e.data.includes('input_json_delta'));
        const text = partial.map((e) => JSON.parse(e.data).delta.partial_json).join('');
        assert.equal(text, h.decisionFor(j).release && tool.streamed ? tool.args : '');
      });

      const message = await MessageStream.fromReadableStream(ndjson(out)).finalMessage();
      const tail = message.content.slice(base);
      assert.equal(message.content.length, base + s.tools.length);
      const text = message.content[base - 1]!;
      assert.equal(text.type === 'text' && text.text, s.text.join(''));
      s.tools.forEach((tool, j) => {
        const block = tail[j]!;
        if (h.decisionFor(j).release) {
          assert.ok(block.type === 'tool_use');
          assert.equal(block.id, `toolu_${j}`);
          assert.deepEqual(block.input, JSON.parse(tool.args));
        } else {
          assert.deepEqual(block.type === 'text' && block.text, refusalFor(call(j)));
        }
      });
      const anyReleased = s.tools.some((_, j) => h.decisionFor(j).release);
      assert.equal(message.stop_reason, s.tools.length > 0 && anyReleased ? 'tool_use' : 'end_turn');
    }),
    { numRuns: 200 },
  );
});

test('anthropic: a released block goes out as the same event objects, at its stop', async () => {
  const h = new Harness([{ release: true, async: true }]);
  const t = gate(h);
  const block = [
    ev('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: {} } }),
    delta(0, { type: 'input_json_delta', partial_json: '{"command":' }),
    delta(0, { type: 'input_json_delta', partial_json: '"ls"}' }),
  ];
  for (const e of block) assert.deepEqual(t.push(e), []);
  const stop = ev('content_block_stop', { index: 0 });
  const out = t.push(stop);
  assert.ok(out instanceof Promise);
  assert.deepEqual(await out, [...block, stop]);
  (await out).forEach((e, i) => assert.equal(e, [...block, stop][i]));
  assert.deepEqual(h.asked[0]!.call, { id: 'toolu_1', name: 'Bash', arguments: '{"command":"ls"}', index: 0 });
});

test('anthropic: stop_reason stays tool_use while one tool_use block remains', async () => {
  const h = new Harness([{ release: false, async: false }, { release: true, async: false }]);
  const tool = (index: number) => [
    ev('content_block_start', { index, content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'f', input: { n: index } } }),
    ev('content_block_stop', { index }),
  ];
  const out = await h.run(gate(h), [messageStart, ...tool(0), ...tool(1), ev('message_delta', { delta: { stop_reason: 'tool_use' }, usage }), ev('message_stop')]);
  assert.deepEqual(h.asked.map((a) => a.call.arguments), ['{"n":0}', '{"n":1}']);
  const message = await MessageStream.fromReadableStream(ndjson(out)).finalMessage();
  assert.deepEqual(message.content.map((b) => b.type), ['text', 'tool_use']);
  assert.equal(message.stop_reason, 'tool_use');
});

test('anthropic: a block cut off by the end of the stream is still judged', async () => {
  const h = new Harness([{ release: false, async: true }]);
  const out = await h.run(gate(h), [
    messageStart,
    ev('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } }),
    delta(0, { type: 'input_json_delta', partial_json: '{"a":' }),
  ]);
  assert.equal(h.asked[0]!.call.arguments, '{"a":');
  assert.deepEqual(out.slice(1).map((e) => JSON.parse(e.data).type), ['content_block_start', 'content_block_delta', 'content_block_stop']);
  assert.equal(JSON.parse(out[1]!.data).content_block.type, 'text');
});

test('anthropic: server-side tool blocks are not withheld; other events pass through untouched', () => {
  const t = gate(new Harness([]));
  const server = ev('content_block_start', { index: 0, content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} } });
  assert.equal((t.push(server) as SseEvent[])[0], server);
  const text = { event: 'content_block_delta', data: '{"type":"content_block_delta",  "index":1,"delta":{"type":"text_delta","text":"tool_use"}}' };
  assert.equal((t.push(text) as SseEvent[])[0], text);
});
