// Multi-turn conversations through the SDKs: turn 2 carries turn 1's history as the client got it
// back (restored), plus a new user message. Upstream must see turn 1's bytes again as a prefix of
// turn 2 (same placeholders, same serialisation), so providers' prompt caches keep hitting, and the
// assistant turn must come back to the provider exactly as the provider itself wrote it.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ALL_PARTS, ALL_PLANTS, partsWith, render, V } from './plants.js';
import { startRedactionRig, type RedactionRig } from './rig.js';
import { assertNoLeak } from './upstream-checks.js';

const TOOL_CALL = { headers: { 'x-fake-scenario': 'tool-call' } };
const SCHEMA = { type: 'object' as const, properties: {} };
const FIRST = render(ALL_PARTS);
/** Turn 2 brings one value turn 1 had and one it did not. */
const SECOND = render(partsWith('Follow-up for ', V.email, { name: 'new email', kind: 'EMAIL', value: 'li.wei@example-corp.cn' }));

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

/** Both upstream bodies, leak-checked, as text and JSON. */
function upstreamTurns() {
  assert.equal(rig.fake.requests.length, 2);
  return rig.fake.requests.map((r) => {
    assertNoLeak(r.body, ALL_PLANTS);
    assert.ok(!r.body.toString('utf8').includes('li.wei@example-corp.cn'), 'the new value leaked');
    return { text: r.body.toString('utf8'), json: r.json as Record<string, unknown> };
  });
}

/** Turn 1's body up to the end of its conversation array (the last array in it) is where turn 2 starts. */
function assertPrefix(turn1: string, turn2: string): void {
  const prefix = turn1.slice(0, turn1.lastIndexOf(']'));
  assert.ok(turn2.startsWith(prefix), 'turn 2 does not start with turn 1\'s bytes');
  assert.equal(turn2[prefix.length], ',', 'turn 2 continues the same array');
}

type Msg = { content: unknown };

describe('multi-turn: the restored history is redacted to the same bytes', () => {
  it('OpenAI chat, JSON', async () => {
    const history = [{ role: 'system' as const, content: FIRST }, { role: 'user' as const, content: FIRST }];
    const r1 = await rig.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: history });
    const answer = r1.choices[0]!.message.content!;
    assert.equal(answer, `echo: ${FIRST}`);
    await rig.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [...history, { role: 'assistant', content: answer }, { role: 'user', content: SECOND }],
    });
    const [t1, t2] = upstreamTurns();
    assertPrefix(t1!.text, t2!.text);
    const m1 = t1!.json.messages as Msg[];
    const m2 = t2!.json.messages as Msg[];
    assert.equal(m2[2]!.content, `echo: ${m1[1]!.content as string}`, 'the assistant turn goes back as the provider wrote it');
  });

  it('OpenAI chat, streamed turns', async () => {
    const history = [{ role: 'user' as const, content: FIRST }];
    const s = rig.openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: history }, { headers: { 'x-fake-chunk': '3' } });
    const answer = (await s.finalChatCompletion()).choices[0]!.message.content!;
    assert.equal(answer, `echo: ${FIRST}`);
    await rig.openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [...history, { role: 'assistant', content: answer }, { role: 'user', content: SECOND }] }).done();
    const [t1, t2] = upstreamTurns();
    assertPrefix(t1!.text, t2!.text);
    assert.equal((t2!.json.messages as Msg[])[1]!.content, `echo: ${(t1!.json.messages as Msg[])[0]!.content as string}`);
  });

  it('OpenAI chat, tool call and tool result in the history', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'save_note', parameters: SCHEMA } }];
    const history = [{ role: 'user' as const, content: FIRST }];
    const r1 = await rig.openai.chat.completions.create({ model: 'gpt-4o-mini', tools, messages: history }, TOOL_CALL);
    const call = r1.choices[0]!.message.tool_calls![0]!;
    assert.ok(call.type === 'function');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: FIRST, path: '/tmp/x' });
    await rig.openai.chat.completions.create({
      model: 'gpt-4o-mini',
      tools,
      messages: [
        ...history,
        { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.function.name, arguments: call.function.arguments } }] },
        { role: 'tool', tool_call_id: call.id, content: `saved ${V.email.value}` },
        { role: 'user', content: SECOND },
      ],
    });
    const [t1, t2] = upstreamTurns();
    assertPrefix(t1!.text, t2!.text);
    const redacted = (t1!.json.messages as Msg[])[0]!.content as string;
    const sentCall = (t2!.json.messages as { tool_calls?: { id: string; function: { arguments: string } }[] }[])[1]!.tool_calls![0]!;
    assert.equal(sentCall.id, call.id);
    assert.equal(sentCall.function.arguments, JSON.stringify({ echo: redacted, path: '/tmp/x' }), 'arguments go back byte for byte as the provider wrote them');
  });

  it('OpenAI responses, JSON', async () => {
    const history = [{ role: 'user' as const, content: FIRST }];
    const r1 = await rig.openai.responses.create({ model: 'gpt-4.1', instructions: FIRST, input: history });
    assert.equal(r1.output_text, `echo: ${FIRST}`);
    await rig.openai.responses.create({
      model: 'gpt-4.1',
      instructions: FIRST,
      input: [...history, { role: 'assistant', content: r1.output_text }, { role: 'user', content: SECOND }],
    });
    const [t1, t2] = upstreamTurns();
    assertPrefix(t1!.text, t2!.text);
    assert.equal((t2!.json.input as Msg[])[1]!.content, `echo: ${(t1!.json.input as Msg[])[0]!.content as string}`);
  });

  it('Anthropic messages, streamed turns with a system block', async () => {
    const system = [{ type: 'text' as const, text: FIRST, cache_control: { type: 'ephemeral' as const } }];
    const history = [{ role: 'user' as const, content: [{ type: 'text' as const, text: FIRST }] }];
    const s = rig.anthropic.messages.stream({ model: 'claude-test-model', max_tokens: 1024, system, messages: history });
    const block = (await s.finalMessage()).content[0];
    assert.ok(block?.type === 'text');
    assert.equal(block.text, `echo: ${FIRST}`);
    await rig.anthropic.messages.stream({
      model: 'claude-test-model',
      max_tokens: 1024,
      system,
      messages: [...history, { role: 'assistant', content: [{ type: 'text', text: block.text }] }, { role: 'user', content: SECOND }],
    }).done();
    const [t1, t2] = upstreamTurns();
    assertPrefix(t1!.text, t2!.text);
    const first = (t1!.json.messages as { content: { text: string }[] }[])[0]!.content[0]!.text;
    assert.equal((t2!.json.messages as { content: { text: string }[] }[])[1]!.content[0]!.text, `echo: ${first}`);
  });
});
