import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ResponseStream } from 'openai/lib/responses/ResponseStream';
import { restoreText } from '../../../../gateway/response/restore/restore-text.js';
import { openaiResponses } from '../../../../gateway/response/shapes/openai-responses.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';
import { argsArb, ClientView, deepRestore, ndjson, plant, runTransform, splitArb, upstreamText } from '../restore/stream-fixtures.js';

const openaiResponsesRestore = openaiResponses.restore.stream;
const planted = plant();
const { session } = planted;
const restore = (s: string) => restoreText(s, session.lookup);

interface Scenario {
  summary: string[];
  text: string[];
  tool: { args: Record<string, unknown>; pieces: string[] };
}

/** A Responses stream as OpenAI sends it: reasoning summary, a message, a function call. */
function upstream(s: Scenario): SseEvent[] {
  const events: { type: string }[] = [];
  const add = (type: string, body: object) => events.push({ type, ...body });
  const summary = s.summary.join('');
  const text = s.text.join('');
  const args = s.tool.pieces.join('');
  const reasoning = (t: string) => ({ id: 'rs_1', type: 'reasoning', summary: t === '' ? [] : [{ type: 'summary_text', text: t }] });
  const message = (t: string, status: string) => ({
    id: 'msg_1', type: 'message', status, role: 'assistant',
    content: status === 'in_progress' ? [] : [{ type: 'output_text', text: t, annotations: [], logprobs: [] }],
  });
  const call = (a: string, status: string) => ({ id: 'fc_1', type: 'function_call', status, call_id: 'call_1', name: 'send', arguments: a });
  const response = (status: string, output: object[]) => ({ id: 'resp_1', object: 'response', created_at: 1, status, model: 'gpt-x', output, usage: null });

  add('response.created', { response: response('in_progress', []) });
  add('response.in_progress', { response: response('in_progress', []) });
  add('response.output_item.added', { output_index: 0, item: reasoning('') });
  const rs = { item_id: 'rs_1', output_index: 0, summary_index: 0 };
  add('response.reasoning_summary_part.added', { ...rs, part: { type: 'summary_text', text: '' } });
  for (const d of s.summary) add('response.reasoning_summary_text.delta', { ...rs, delta: d });
  add('response.reasoning_summary_text.done', { ...rs, text: summary });
  add('response.reasoning_summary_part.done', { ...rs, part: { type: 'summary_text', text: summary } });
  add('response.output_item.done', { output_index: 0, item: reasoning(summary) });
  add('response.output_item.added', { output_index: 1, item: message('', 'in_progress') });
  const ms = { item_id: 'msg_1', output_index: 1, content_index: 0 };
  add('response.content_part.added', { ...ms, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
  for (const d of s.text) add('response.output_text.delta', { ...ms, delta: d, logprobs: [] });
  add('response.output_text.done', { ...ms, text, logprobs: [] });
  add('response.content_part.done', { ...ms, part: { type: 'output_text', text, annotations: [], logprobs: [] } });
  add('response.output_item.done', { output_index: 1, item: message(text, 'completed') });
  add('response.output_item.added', { output_index: 2, item: call('', 'in_progress') });
  for (const d of s.tool.pieces) add('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 2, delta: d });
  add('response.function_call_arguments.done', { item_id: 'fc_1', output_index: 2, name: 'send', arguments: args });
  add('response.output_item.done', { output_index: 2, item: call(args, 'completed') });
  add('response.completed', { response: response('completed', [reasoning(summary), message(text, 'completed'), call(args, 'completed')]) });
  return events.map((e, i) => {
    const body = { ...e, sequence_number: i };
    return { event: body.type, data: JSON.stringify(body) };
  });
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(upstreamText(planted), upstreamText(planted), argsArb(planted))
  .chain(([summary, text, args]) =>
    fc.record({
      summary: splitArb(summary),
      text: splitArb(text),
      tool: splitArb(JSON.stringify(args)).map((pieces) => ({ args, pieces })),
    }),
  );

const DELTA_FIELD: Record<string, string> = {
  'response.reasoning_summary_text.delta': 'summary',
  'response.output_text.delta': 'text',
  'response.function_call_arguments.delta': 'args',
};

/** Blank restorable text and sequence numbers: what remains must be what upstream sent. */
function skeleton(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(skeleton);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'sequence_number') continue;
    out[k] = typeof x === 'string' && ['delta', 'text', 'arguments'].includes(k) ? '' : skeleton(x);
  }
  return out;
}

const DONE_FIELD: Record<string, ['summary' | 'text' | 'args', string]> = {
  'response.reasoning_summary_text.done': ['summary', 'text'],
  'response.output_text.done': ['text', 'text'],
  'response.function_call_arguments.done': ['args', 'arguments'],
};

test('any split of a Responses stream restores deltas and every aggregate exactly once', () => {
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const want = {
        summary: restore(s.summary.join('')),
        text: restore(s.text.join('')),
        args: restoreText(s.tool.pieces.join(''), session.lookup, true),
      };
      const view = new ClientView(new Map(Object.entries(want)));
      const input = upstream(s);
      const outputs = runTransform(openaiResponsesRestore(session.lookup), input);
      const out = outputs.flat().map((e) => ({ name: e.event, e: JSON.parse(e.data) }));
      let seq = -1;
      const closed = new Set<string>();
      for (const { name, e } of out) {
        assert.equal(name, e.type);
        assert.ok(e.sequence_number > seq, 'sequence numbers strictly increase');
        seq = e.sequence_number;
        const field = DELTA_FIELD[e.type];
        if (field !== undefined) {
          assert.ok(!closed.has(field), `${field} delta after its .done`);
          view.add(field, e.delta);
        }
        const done = DONE_FIELD[e.type];
        if (done !== undefined) {
          closed.add(done[0]);
          assert.equal(e[done[1]], want[done[0]]);
        }
        if (e.type === 'response.content_part.done') assert.equal(e.part.text, want.text);
        if (e.type === 'response.reasoning_summary_part.done') assert.equal(e.part.text, want.summary);
        if (e.type === 'response.completed') {
          const [r, m, c] = e.response.output;
          assert.equal(r.summary[0]?.text ?? '', want.summary);
          assert.equal(m.content[0].text, want.text);
          assert.equal(c.arguments, want.args);
          assert.equal(c.call_id, 'call_1');
        }
      }
      for (const [field, text] of Object.entries(want)) assert.equal(view.final(field), text);
      assert.deepEqual(JSON.parse(want.args), deepRestore(s.tool.args, restore));
      outputs.forEach((o, i) => {
        if (i === input.length) return assert.deepEqual(o, []);
        // The pushed event comes last, unchanged but for restored text and its renumbering;
        // anything before it is a flushed tail of a delta stream.
        assert.deepEqual(skeleton(JSON.parse(o.at(-1)!.data)), skeleton(JSON.parse(input[i]!.data)));
        for (const extra of o.slice(0, -1)) assert.ok(DELTA_FIELD[JSON.parse(extra.data).type] !== undefined);
      });
    }),
    { numRuns: 300 },
  );
});

test('the official SDK accumulates the restored stream', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      const events = runTransform(openaiResponsesRestore(session.lookup), upstream(s)).flat();
      const stream = ResponseStream.fromReadableStream(ndjson(events));
      let textSnapshot = '';
      let argsSnapshot = '';
      stream.on('response.output_text.delta', (e) => (textSnapshot = e.snapshot));
      stream.on('response.function_call_arguments.delta', (e) => (argsSnapshot = e.snapshot));
      const final = await stream.finalResponse();
      assert.equal(textSnapshot, restore(s.text.join('')));
      assert.equal(final.output_text, restore(s.text.join('')));
      assert.deepEqual(JSON.parse(argsSnapshot), deepRestore(s.tool.args, restore));
    }),
    { numRuns: 60 },
  );
});

test('plain events pass through untouched', () => {
  const t = openaiResponsesRestore(session.lookup);
  const ev = { event: 'response.output_text.delta', data: '{"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"hello [1]","logprobs":[],"sequence_number":3}' };
  assert.equal(t.push(ev)[0], ev);
});

test('a flushed tail is numbered in sequence and later events shift by one', () => {
  const t = openaiResponsesRestore(session.lookup);
  const ev = (body: object) => ({ event: (body as { type: string }).type, data: JSON.stringify(body) });
  const ms = { item_id: 'msg_1', output_index: 0, content_index: 0 };
  t.push(ev({ type: 'response.output_text.delta', ...ms, delta: 'see [[', logprobs: [], sequence_number: 5 }));
  const out = t.push(ev({ type: 'response.output_text.done', ...ms, text: 'see [[', logprobs: [], sequence_number: 6 }));
  assert.deepEqual(out.map((e) => [e.event, JSON.parse(e.data).sequence_number]), [
    ['response.output_text.delta', 6],
    ['response.output_text.done', 7],
  ]);
  assert.equal(JSON.parse(out[0]!.data).delta, '[[');
  const next = t.push({ event: 'response.output_item.done', data: '{"type":"response.output_item.done","sequence_number":7}' });
  assert.equal(JSON.parse(next[0]!.data).sequence_number, 8);
  // A tail still held when the stream breaks off continues the numbering.
  t.push(ev({ type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: '{"a":"[[E', sequence_number: 8 }));
  const [tail] = t.end();
  assert.deepEqual(JSON.parse(tail!.data), { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: '[[E', sequence_number: 10 });
});
