// OpenAI Responses through the real gateway and the official SDK, JSON and streamed, text and tool
// calls: values planted in instructions, developer and user items, an earlier function_call's
// arguments and a function_call_output never reach upstream; everything returned is restored.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { render } from './plants.js';
import { CALL_ID, responsesRequest, TOOL } from './requests.js';
import { checkForwarded, startRedactionRig, type RedactionRig } from './rig.js';

const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

describe('OpenAI responses: redaction and restoration end to end', () => {
  it('JSON text: upstream sees placeholders only; output_text and the message part are restored', async () => {
    const { body, slots, last } = responsesRequest();
    const res = await rig.openai.responses.create(body);
    checkForwarded(rig, body, slots);
    const want = `echo: ${render(last)}`;
    assert.equal(res.output_text, want);
    const item = res.output[0];
    assert.ok(item?.type === 'message' && item.content[0]?.type === 'output_text');
    assert.equal(item.content[0].text, want);
    const sent = rig.fake.requests[0]!.json as { input: { call_id?: string }[] };
    assert.equal(sent.input[2]!.call_id, CALL_ID);
    assert.equal(sent.input[3]!.call_id, CALL_ID);
  });

  it('JSON tool call: function_call arguments parse to the original values', async () => {
    const { body, slots, last } = responsesRequest();
    const res = await rig.openai.responses.create(body, TOOL_CALL);
    checkForwarded(rig, body, slots);
    const item = res.output[0];
    assert.ok(item?.type === 'function_call');
    assert.equal(item.name, TOOL);
    assert.deepEqual(JSON.parse(item.arguments), { echo: render(last), path: '/tmp/x' });
  });

  it('SSE text: deltas, output_text.done and finalResponse() are the restored echo', async () => {
    const { body, slots, last } = responsesRequest();
    const stream = rig.openai.responses.stream(body);
    let deltas = '';
    let done = '';
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta') deltas += event.delta;
      if (event.type === 'response.output_text.done') done = event.text;
    }
    const final = await stream.finalResponse();
    checkForwarded(rig, { ...body, stream: true }, slots);
    const want = `echo: ${render(last)}`;
    assert.equal(deltas, want);
    assert.equal(done, want);
    assert.equal(final.output_text, want);
  });

  it('SSE tool call: argument deltas concatenate to valid JSON; .done and the final item agree', async () => {
    const { body, slots, last } = responsesRequest();
    const stream = rig.openai.responses.stream(body, TOOL_CALL);
    let deltas = '';
    let done = '';
    for await (const event of stream) {
      if (event.type === 'response.function_call_arguments.delta') deltas += event.delta;
      if (event.type === 'response.function_call_arguments.done') done = event.arguments;
    }
    const final = await stream.finalResponse();
    checkForwarded(rig, { ...body, stream: true }, slots);
    const want = { echo: render(last), path: '/tmp/x' };
    assert.deepEqual(JSON.parse(deltas), want);
    assert.deepEqual(JSON.parse(done), want);
    const item = final.output[0];
    assert.ok(item?.type === 'function_call');
    assert.equal(item.name, TOOL);
    assert.deepEqual(JSON.parse(item.arguments), want);
  });
});
