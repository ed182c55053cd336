import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import { restoreText } from '../../../../gateway/response/restore/restore-text.js';
import { anthropicMessages } from '../../../../gateway/response/shapes/anthropic-messages.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';
import { argsArb, ClientView, deepRestore, ndjson, plant, runTransform, splitArb, upstreamText } from '../restore/stream-fixtures.js';

const anthropicMessagesRestore = anthropicMessages.restore.stream;
const planted = plant();
const { session } = planted;
const restore = (s: string) => restoreText(s, session.lookup);

const ev = (type: string, body: object): SseEvent => ({ event: type, data: JSON.stringify({ type, ...body }) });
const usage = { input_tokens: 1, output_tokens: 2 };

interface Scenario {
  thinking: string[];
  text: string[];
  tool: { args: Record<string, unknown>; pieces: string[] };
}

function upstream(s: Scenario): SseEvent[] {
  const delta = (index: number, d: object) => ev('content_block_delta', { index, delta: d });
  return [
    ev('message_start', {
      message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'claude-x', stop_reason: null, stop_sequence: null, usage },
    }),
    ev('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }),
    ...s.thinking.map((t) => delta(0, { type: 'thinking_delta', thinking: t })),
    delta(0, { type: 'signature_delta', signature: 'c2lnbmF0dXJl' }),
    ev('content_block_stop', { index: 0 }),
    ev('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }),
    ev('ping', {}),
    ...s.text.map((t) => delta(1, { type: 'text_delta', text: t })),
    ev('content_block_stop', { index: 1 }),
    ev('content_block_start', { index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'send', input: {} } }),
    ...s.tool.pieces.map((p) => delta(2, { type: 'input_json_delta', partial_json: p })),
    ev('content_block_stop', { index: 2 }),
    ev('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } }),
    ev('message_stop', {}),
  ];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(upstreamText(planted), upstreamText(planted), argsArb(planted))
  .chain(([thinking, text, args]) =>
    fc.record({
      thinking: splitArb(thinking),
      text: splitArb(text),
      tool: splitArb(JSON.stringify(args)).map((pieces) => ({ args, pieces })),
    }),
  );

const FIELDS: Record<string, string> = { text_delta: 'text', thinking_delta: 'thinking', input_json_delta: 'partial_json' };

/** Blank the restorable text so what remains must be what upstream sent. */
function skeleton(e: SseEvent): unknown {
  const m = JSON.parse(e.data);
  const field = FIELDS[m.delta?.type];
  if (field !== undefined) m.delta[field] = '';
  return { event: e.event, m };
}

test('any split of a Messages stream restores text, thinking and tool input exactly once', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const argsText = JSON.stringify(s.tool.args);
      const view = new ClientView(
        new Map([
          ['0', restore(s.thinking.join(''))],
          ['1', restore(s.text.join(''))],
          ['2', restoreText(argsText, session.lookup, true)],
        ]),
      );
      const input = upstream(s);
      const outputs = runTransform(anthropicMessagesRestore(session.lookup), input);
      const stops = new Set<number>();
      outputs.forEach((out, i) => {
        for (const e of out) {
          const m = JSON.parse(e.data);
          assert.equal(e.event, m.type);
          if (m.type === 'content_block_delta' && FIELDS[m.delta.type] !== undefined) {
            assert.ok(!stops.has(m.index), 'no delta after its block stopped');
            view.add(String(m.index), m.delta[FIELDS[m.delta.type]!]);
          }
          if (m.type === 'content_block_stop') stops.add(m.index);
        }
        if (i < input.length) assert.deepEqual(skeleton(out.at(-1)!), skeleton(input[i]!));
        else assert.deepEqual(out, []);
      });
      assert.equal(view.final('0'), restore(s.thinking.join('')));
      assert.equal(view.final('1'), restore(s.text.join('')));
      assert.deepEqual(JSON.parse(view.final('2')), deepRestore(s.tool.args, restore));
    }),
    { numRuns: 400 },
  );
});

test('the official SDK accumulates the restored stream into the restored message', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      const events = runTransform(anthropicMessagesRestore(session.lookup), upstream(s)).flat();
      const message = await MessageStream.fromReadableStream(ndjson(events)).finalMessage();
      const [thinking, text, tool] = message.content;
      assert.equal(thinking?.type === 'thinking' && thinking.thinking, restore(s.thinking.join('')));
      assert.equal(text?.type === 'text' && text.text, restore(s.text.join('')));
      assert.deepEqual(tool?.type === 'tool_use' && tool.input, deepRestore(s.tool.args, restore));
    }),
    { numRuns: 60 },
  );
});

test('whole blocks in message_start and content_block_start are restored', () => {
  const ph = planted.placeholders;
  const t = anthropicMessagesRestore(session.lookup);
  const start = ev('message_start', {
    message: { id: 'msg_1', content: [{ type: 'text', text: `hi ${ph.EMAIL}` }, { type: 'tool_use', id: 'toolu_9', name: 'f', input: { to: ph.EMAIL } }] },
  });
  const m = JSON.parse(t.push(start)[0]!.data);
  assert.equal(m.message.content[0].text, `hi ${session.lookup(ph.EMAIL!)}`);
  assert.deepEqual(m.message.content[1].input, { to: session.lookup(ph.EMAIL!) });
  assert.equal(m.message.content[1].id, 'toolu_9');
  const tool = ev('content_block_start', { index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: { [ph.EMAIL!]: [ph.PHONE] } } });
  assert.deepEqual(JSON.parse(t.push(tool)[0]!.data).content_block.input, { [session.lookup(ph.EMAIL!)!]: [session.lookup(ph.PHONE!)] });
});

test('plain events pass through untouched; a truncated stream flushes at end()', () => {
  const t = anthropicMessagesRestore(session.lookup);
  const plain = ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'no tokens here' } });
  assert.equal(t.push(plain)[0], plain);
  const held = t.push(ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'a [[EMA' } }));
  assert.equal(JSON.parse(held[0]!.data).delta.text, 'a ');
  const [flushed] = t.end();
  assert.deepEqual(JSON.parse(flushed!.data), { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: '[[EMA' } });
  assert.equal(flushed!.event, 'content_block_delta');
});
