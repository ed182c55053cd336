import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import { ResponseStream } from 'openai/lib/responses/ResponseStream';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { openaiResponsesGate } from '../../../../gateway/response/tool-call-gate/openai-responses.js';
import type { SseEvent } from '../../../../gateway/stream/sse-event.js';
import { argsTextArb, decisionArb, Harness, ndjson, refusalFor, splitArb, type Decision } from './fixtures.js';

const gate = (h: Harness) => openaiResponsesGate(h.judge);

interface Scenario {
  reasoning: boolean;
  text: string[];
  tools: { args: string; pieces: string[] }[];
  decisions: Decision[];
}

const textPart = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });
const message = (text: string, status: string) => ({ id: 'msg_text', type: 'message', status, role: 'assistant', content: status === 'in_progress' ? [] : [textPart(text)] });
const call = (j: number, args: string, status: string) => ({ id: `fc_${j}`, type: 'function_call', status, arguments: args, call_id: `call_${j}`, name: `fn_${j}` });
const response = (status: string, output: object[]) => ({ id: 'resp_1', object: 'response', created_at: 1, status, model: 'gpt-x', output, usage: null });

/** A Responses stream as OpenAI sends it: reasoning, a message, then function calls. */
function upstream(s: Scenario): SseEvent[] {
  const events: { type: string }[] = [];
  const add = (type: string, body: object) => events.push({ type, ...body });
  const text = s.text.join('');
  const output: object[] = [];
  add('response.created', { response: response('in_progress', []) });
  add('response.in_progress', { response: response('in_progress', []) });
  if (s.reasoning) {
    const reasoning = { id: 'rs_1', type: 'reasoning', summary: [] };
    add('response.output_item.added', { output_index: 0, item: reasoning });
    add('response.output_item.done', { output_index: 0, item: reasoning });
    output.push(reasoning);
  }
  const mi = output.length;
  const at = { item_id: 'msg_text', output_index: mi, content_index: 0 };
  add('response.output_item.added', { output_index: mi, item: message('', 'in_progress') });
  add('response.content_part.added', { ...at, part: textPart('') });
  for (const d of s.text) add('response.output_text.delta', { ...at, delta: d, logprobs: [] });
  add('response.output_text.done', { ...at, text, logprobs: [] });
  add('response.content_part.done', { ...at, part: textPart(text) });
  add('response.output_item.done', { output_index: mi, item: message(text, 'completed') });
  output.push(message(text, 'completed'));
  s.tools.forEach((tool, j) => {
    const oi = output.length;
    add('response.output_item.added', { output_index: oi, item: call(j, '', 'in_progress') });
    for (const d of tool.pieces) add('response.function_call_arguments.delta', { item_id: `fc_${j}`, output_index: oi, delta: d });
    add('response.function_call_arguments.done', { item_id: `fc_${j}`, output_index: oi, name: `fn_${j}`, arguments: tool.args });
    add('response.output_item.done', { output_index: oi, item: call(j, tool.args, 'completed') });
    output.push(call(j, tool.args, 'completed'));
  });
  add('response.completed', { response: response('completed', output) });
  return events.map((e, i) => {
    const body = { ...e, sequence_number: i };
    return { event: body.type, data: JSON.stringify(body) };
  });
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .tuple(fc.string({ maxLength: 12 }), fc.array(argsTextArb, { maxLength: 3 }))
  .chain(([text, argsList]) =>
    fc.record({
      reasoning: fc.boolean(),
      text: splitArb(text),
      tools: fc.tuple(...argsList.map((a) => splitArb(a).map((pieces) => ({ args: a, pieces })))),
      decisions: fc.array(decisionArb, { minLength: 3, maxLength: 3 }),
    }),
  );

const parse = (e: SseEvent) => JSON.parse(e.data) as ResponseStreamEvent & { sequence_number: number };

test('responses: text flows, released calls arrive byte for byte, refused ones become messages; numbering holds', async () => {
  await fc.assert(
    fc.asyncProperty(scenarioArb, async (s) => {
      const h = new Harness(s.decisions);
      const input = upstream(s);
      const out = await h.run(gate(h), input);
      const isTool = (e: SseEvent) => e.data.includes('function_call');
      const gated = (j: number) => ({ id: `call_${j}`, name: `fn_${j}`, arguments: s.tools[j]!.args, index: j });

      assert.deepEqual(h.asked.map((a) => a.call), s.tools.map((_, j) => gated(j)));
      assert.ok(h.flowedBeforeJudging(input, (e) => !isTool(e)), 'text reached the client before the judge was asked');
      const passed = input.filter((e) => !isTool(e));
      assert.deepEqual(out.filter((e) => passed.includes(e)), passed);
      if (!s.decisions.slice(0, s.tools.length).some((d) => d.async)) assert.ok(h.allSync);

      const events = out.map(parse);
      events.forEach((e, i) => {
        assert.equal(out[i]!.event, e.type);
        if (i > 0) assert.ok(e.sequence_number > events[i - 1]!.sequence_number, 'sequence numbers strictly increase');
      });
      s.tools.forEach((tool, j) => {
        const deltas = events.filter((e) => e.type === 'response.function_call_arguments.delta' && e.item_id === `fc_${j}`);
        assert.equal(deltas.map((e) => (e as { delta: string }).delta).join(''), h.decisionFor(j).release ? tool.args : '');
      });

      // The final snapshot matches what the events built, as the SDK's own accumulator sees them.
      let snapshot: Response | undefined;
      for (const e of events.slice(0, -1)) snapshot = accumulateResponse(e, snapshot);
      const completed = events.at(-1)!;
      assert.ok(completed.type === 'response.completed');
      assert.deepEqual(snapshot!.output, completed.response.output);

      const final = await ResponseStream.fromReadableStream(ndjson(out)).finalResponse();
      const base = (s.reasoning ? 1 : 0) + 1;
      assert.equal(final.output.length, base + s.tools.length);
      const refusals: string[] = [];
      s.tools.forEach((tool, j) => {
        const item = final.output[base + j]!;
        if (h.decisionFor(j).release) {
          assert.ok(item.type === 'function_call');
          assert.deepEqual([item.call_id, item.name, item.arguments], [`call_${j}`, `fn_${j}`, tool.args]);
        } else {
          refusals.push(refusalFor(gated(j)));
          assert.ok(item.type === 'message' && item.role === 'assistant');
          assert.equal(item.id, `msg_${j}`);
          assert.deepEqual(item.content.map((p) => p.type === 'output_text' && p.text), [refusalFor(gated(j))]);
        }
      });
      assert.equal(final.output_text, s.text.join('') + refusals.join(''));
    }),
    { numRuns: 200 },
  );
});

test('responses: a released call goes out as the same event objects when nothing was renumbered', async () => {
  const h = new Harness([{ release: true, async: true }]);
  const t = gate(h);
  const input = upstream({ reasoning: false, text: ['hi'], tools: [{ args: '{"a":1}', pieces: ['{"a"', ':1}'] }], decisions: [] });
  const out = await h.run(t, input);
  assert.equal(out.length, input.length);
  out.forEach((e, i) => assert.equal(e, input[i]));
});

test('responses: after a refusal, later events are renumbered and the snapshot is patched', async () => {
  const h = new Harness([{ release: false, async: false }]);
  const input = upstream({ reasoning: false, text: ['hi'], tools: [{ args: '{}', pieces: ['{}'] }], decisions: [] });
  const out = (await h.run(gate(h), input)).map(parse);
  // 4 withheld events of the call (seq 8..11) out, 6 events of the message in (8..13): completed moves from 12 to 14.
  assert.deepEqual(out.slice(8).map((e) => [e.type, e.sequence_number]), [
    ['response.output_item.added', 8],
    ['response.content_part.added', 9],
    ['response.output_text.delta', 10],
    ['response.output_text.done', 11],
    ['response.content_part.done', 12],
    ['response.output_item.done', 13],
    ['response.completed', 14],
  ]);
  const completed = out.at(-1)!;
  assert.ok(completed.type === 'response.completed');
  assert.deepEqual(completed.response.output.map((i) => i.type), ['message', 'message']);
});

test('responses: a stream without sequence numbers gets none; other items pass untouched', async () => {
  const h = new Harness([{ release: false, async: false }]);
  const plain = { data: '{"type":"response.output_text.delta","item_id":"m","output_index":0,"content_index":0,"delta":"x"}' };
  const out = await h.run(gate(h), [
    plain,
    { data: JSON.stringify({ type: 'response.output_item.added', output_index: 1, item: call(0, '', 'in_progress') }) },
    { data: JSON.stringify({ type: 'response.output_item.done', output_index: 1, item: call(0, '{}', 'completed') }) },
  ]);
  assert.equal(out[0], plain);
  assert.equal(out.length, 7);
  for (const e of out.slice(1)) {
    assert.equal(e.event, undefined);
    assert.ok(!('sequence_number' in JSON.parse(e.data)));
  }
});
