// Anthropic Messages through the real gateway and the official SDK, JSON and streamed, text and
// tool use: values planted in the system prompt (string and blocks), user turns, an earlier
// tool_use.input and tool_result (string and blocks) never reach upstream; answers are restored.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { render } from './plants.js';
import { anthropicRequest, PNG_B64, TOOL, TOOLU_ID } from './requests.js';
import { checkForwarded, startRedactionRig, type RedactionRig } from './rig.js';

const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

describe('Anthropic messages: redaction and restoration end to end', () => {
  for (const system of ['string', 'blocks'] as const) {
    it(`JSON text (system as ${system}): upstream sees placeholders only; the text block is restored`, async () => {
      const { body, slots, last } = anthropicRequest(system);
      const res = await rig.anthropic.messages.create(body);
      checkForwarded(rig, body, slots);
      const block = res.content[0];
      assert.ok(block?.type === 'text');
      assert.equal(block.text, `echo: ${render(last)}`);
      const sent = rig.fake.requests[0]!.json as typeof body;
      const [, assistant, user] = sent.messages;
      assert.equal((assistant!.content[1] as { id: string }).id, TOOLU_ID);
      assert.equal((user!.content[0] as { tool_use_id: string }).tool_use_id, TOOLU_ID);
      assert.equal((user!.content[1] as { source: { data: string } }).source.data, PNG_B64);
    });
  }

  it('JSON tool use: input holds the original values', async () => {
    const { body, slots, last } = anthropicRequest('blocks');
    const res = await rig.anthropic.messages.create(body, TOOL_CALL);
    checkForwarded(rig, body, slots);
    const block = res.content[0];
    assert.ok(block?.type === 'tool_use');
    assert.equal(block.name, TOOL);
    assert.deepEqual(block.input, { echo: render(last), path: '/tmp/x' });
  });

  it('SSE text: text deltas and finalMessage() are the restored echo', async () => {
    const { body, slots, last } = anthropicRequest('string');
    const stream = rig.anthropic.messages.stream(body);
    let text = '';
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
    const final = await stream.finalMessage();
    checkForwarded(rig, { ...body, stream: true }, slots);
    const want = `echo: ${render(last)}`;
    assert.equal(text, want);
    const block = final.content[0];
    assert.ok(block?.type === 'text');
    assert.equal(block.text, want);
  });

  it('SSE tool use: input_json_delta pieces concatenate to valid JSON; finalMessage() input is restored', async () => {
    const { body, slots, last } = anthropicRequest('blocks');
    const stream = rig.anthropic.messages.stream(body, TOOL_CALL);
    let json = '';
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') json += event.delta.partial_json;
    }
    const final = await stream.finalMessage();
    checkForwarded(rig, { ...body, stream: true }, slots);
    const want = { echo: render(last), path: '/tmp/x' };
    assert.deepEqual(JSON.parse(json), want);
    const block = final.content[0];
    assert.ok(block?.type === 'tool_use');
    assert.deepEqual(block.input, want);
    assert.equal(final.stop_reason, 'tool_use');
  });
});
