import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { guardAnthropicToolCalls, guardChatToolCalls, guardResponsesToolCalls } from '../../../../gateway/response/tool-call-gate/document.js';
import { argsTextArb, decisionArb, Harness, refusalFor, type Decision } from './fixtures.js';

interface Case {
  text: string;
  args: string[];
  decisions: Decision[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  text: fc.constantFrom('', 'Let me check.'),
  args: fc.array(argsTextArb, { maxLength: 3 }),
  decisions: fc.array(decisionArb, { minLength: 3, maxLength: 3 }),
});

const chatDoc = (c: Case) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-x',
  choices: [{
    index: 0,
    message: {
      role: 'assistant',
      content: c.text === '' ? null : c.text,
      refusal: null,
      ...(c.args.length > 0 ? { tool_calls: c.args.map((a, j) => ({ id: `call_${j}`, type: 'function', function: { name: `fn_${j}`, arguments: a } })) } : {}),
    },
    logprobs: null,
    finish_reason: c.args.length > 0 ? 'tool_calls' : 'stop',
  }],
});

const anthropicDoc = (c: Case) => ({
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  content: [...(c.text === '' ? [] : [{ type: 'text', text: c.text }]), ...c.args.map((a, j) => ({ type: 'tool_use', id: `toolu_${j}`, name: `fn_${j}`, input: JSON.parse(a) as unknown }))],
  stop_reason: c.args.length > 0 ? 'tool_use' : 'end_turn',
});

const responsesDoc = (c: Case) => ({
  id: 'resp_1',
  object: 'response',
  status: 'completed',
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [] },
    { id: 'msg_text', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: c.text, annotations: [] }] },
    ...c.args.map((a, j) => ({ id: `fc_${j}`, type: 'function_call', status: 'completed', arguments: a, call_id: `call_${j}`, name: `fn_${j}` })),
  ],
  output_text: c.text,
});

/** Judge each case, then hand the checker the harness and which calls were refused. */
function judged(c: Case) {
  const h = new Harness(c.decisions);
  const refused = c.args.map((a, j) => j).filter((j) => !h.decisionFor(j).release);
  const refusal = (j: number, id: string) => refusalFor({ id, name: `fn_${j}`, arguments: c.args[j]!, index: j });
  return { h, refused, refusal, released: c.args.map((_, j) => j).filter((j) => !refused.includes(j)) };
}

test('json chat: refused calls leave tool_calls, their text joins content, finish_reason follows', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const { h, refused, refusal, released } = judged(c);
      const doc = chatDoc(c);
      const changed = await guardChatToolCalls(doc, h.judge);
      assert.equal(changed, refused.length > 0);
      assert.deepEqual(h.asked.map((a) => a.call), c.args.map((a, j) => ({ id: `call_${j}`, name: `fn_${j}`, arguments: a, index: j })));
      const [choice] = doc.choices;
      const texts = [c.text, ...refused.map((j) => refusal(j, `call_${j}`))].filter((t) => t !== '');
      assert.equal(choice!.message.content, texts.length === 0 ? null : texts.join('\n\n'));
      assert.deepEqual(choice!.message.tool_calls?.map((tc) => tc.id), released.length > 0 ? released.map((j) => `call_${j}`) : undefined);
      assert.equal(choice!.finish_reason, released.length > 0 ? 'tool_calls' : 'stop');
    }),
  );
});

test('json anthropic: a refused tool_use becomes a text block in place; stop_reason follows', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const { h, refused, refusal, released } = judged(c);
      const doc = anthropicDoc(c);
      assert.equal(await guardAnthropicToolCalls(doc, h.judge), refused.length > 0);
      assert.deepEqual(h.asked.map((a) => a.call.arguments), c.args.map((a) => JSON.stringify(JSON.parse(a))));
      const tools = doc.content.slice(c.text === '' ? 0 : 1);
      tools.forEach((block, j) => {
        if (refused.includes(j)) assert.deepEqual(block, { type: 'text', text: refusal(j, `toolu_${j}`) });
        else assert.equal('id' in block && block.id, `toolu_${j}`);
      });
      assert.equal(doc.stop_reason, released.length > 0 ? 'tool_use' : 'end_turn');
    }),
  );
});

test('json responses: a refused function_call becomes a message item; output_text follows', async () => {
  await fc.assert(
    fc.asyncProperty(caseArb, async (c) => {
      const { h, refused, refusal } = judged(c);
      const doc = responsesDoc(c);
      assert.equal(await guardResponsesToolCalls(doc, h.judge), refused.length > 0);
      doc.output.slice(2).forEach((item, j) => {
        if (!refused.includes(j)) return assert.equal(item.type, 'function_call');
        assert.deepEqual(item, {
          id: `msg_${j}`, type: 'message', status: 'completed', role: 'assistant',
          content: [{ type: 'output_text', text: refusal(j, `call_${j}`), annotations: [], logprobs: [] }],
        });
      });
      assert.equal(doc.output_text, c.text + refused.map((j) => refusal(j, `call_${j}`)).join(''));
    }),
  );
});

test('json: documents without tool calls, or not objects, are left alone', async () => {
  const h = new Harness([]);
  for (const doc of [null, 'x', [], { choices: 'no' }, { content: {} }, { output: null }]) {
    for (const guard of [guardChatToolCalls, guardAnthropicToolCalls, guardResponsesToolCalls]) {
      assert.equal(await guard(doc, h.judge), false);
    }
  }
  assert.equal(h.asked.length, 0);
});
