// OpenAI Chat Completions through the real gateway and the official SDK, JSON and streamed, text and
// tool calls: values planted in system (string and parts), user, earlier tool-call arguments and
// tool results never reach upstream; the answer comes back with every value restored.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { render } from './plants.js';
import { CALL_ID, chatRequest, TOOL } from './requests.js';
import { checkForwarded, startRedactionRig, type RedactionRig } from './rig.js';

const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

describe('OpenAI chat completions: redaction and restoration end to end', () => {
  it('JSON text: upstream sees placeholders only; the SDK gets the echo with every value restored', async () => {
    const { body, slots, last } = chatRequest();
    const res = await rig.openai.chat.completions.create(body);
    checkForwarded(rig, body, slots);
    assert.equal(res.choices[0]!.message.content, `echo: ${render(last)}`);
    // Linkage reached upstream untouched (also covered field by field by checkForwarded).
    const sent = rig.fake.requests[0]!.json as typeof body;
    assert.equal(sent.messages[3]!.tool_calls![0]!.id, CALL_ID);
    assert.equal(sent.messages[4]!.tool_call_id, CALL_ID);
  });

  it('JSON tool call: the arguments parse to the original values', async () => {
    const { body, slots, last } = chatRequest();
    const res = await rig.openai.chat.completions.create(body, TOOL_CALL);
    checkForwarded(rig, body, slots);
    const call = res.choices[0]!.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, TOOL);
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: render(last), path: '/tmp/x' });
  });

  it('SSE text: concatenated deltas and finalChatCompletion() are the restored echo', async () => {
    const { body, slots, last } = chatRequest();
    const stream = rig.openai.chat.completions.stream(body);
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    const final = await stream.finalChatCompletion();
    checkForwarded(rig, { ...body, stream: true }, slots);
    assert.equal(text, `echo: ${render(last)}`);
    assert.equal(final.choices[0]!.message.content, `echo: ${render(last)}`);
  });

  it('SSE tool call: argument deltas concatenate to valid JSON with the original values', async () => {
    const { body, slots, last } = chatRequest();
    const stream = rig.openai.chat.completions.stream(body, TOOL_CALL);
    let args = '';
    for await (const chunk of stream) args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
    const final = await stream.finalChatCompletion();
    checkForwarded(rig, { ...body, stream: true }, slots);
    const want = { echo: render(last), path: '/tmp/x' };
    assert.deepEqual(JSON.parse(args), want);
    const call = final.choices[0]!.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.deepEqual(JSON.parse(call.function.arguments), want);
    assert.equal(final.choices[0]!.finish_reason, 'tool_calls');
  });
});
