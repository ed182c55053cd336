// Placeholder scope and client-sent placeholder-shaped text, end to end. The same value gets the
// same placeholder across requests of one app (its User-Agent product) and a different one in
// another app. Text the client itself sends that looks like a placeholder — made up, escaped
// already, or even one this gateway minted for that very app — goes upstream escaped and comes
// back to the client exactly as sent, never "restored" into a value.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type OpenAI from 'openai';
import { ALL_PLANTS, V } from './plants.js';
import { startRedactionRig, type RedactionRig } from './rig.js';
import { assertNoLeak, PLACEHOLDER_SOURCE } from './upstream-checks.js';

let rig: RedactionRig;
before(async () => {
  rig = await startRedactionRig();
});
after(() => rig.close());
beforeEach(() => rig.fake.reset());

const EMAIL_TOKEN = new RegExp(PLACEHOLDER_SOURCE.replace('([A-Z][A-Z0-9_]{0,31})', 'EMAIL'), 'g');

/** Sends the email through `client` and returns the placeholder upstream saw for it. */
async function placeholderVia(client: OpenAI, n: number): Promise<string> {
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `write to ${V.email.value} today` }] });
  const got = rig.fake.requests[n]!;
  assertNoLeak(got.body, ALL_PLANTS);
  const tokens = (got.json as { messages: { content: string }[] }).messages[0]!.content.match(EMAIL_TOKEN);
  assert.ok(tokens?.length === 1);
  return tokens[0]!;
}

describe('placeholder scope', () => {
  it('one app gets the same placeholder for a value in every request; another app gets its own', async () => {
    const cursorLike = rig.openaiAs('CursorLike/1.2 (linux)');
    const a1 = await placeholderVia(rig.openai, 0);
    const a2 = await placeholderVia(rig.openai, 1);
    const b1 = await placeholderVia(cursorLike, 2);
    const b2 = await placeholderVia(cursorLike, 3);
    assert.equal(a1, a2, 'same app, same value, same placeholder');
    assert.equal(b1, b2);
    assert.notEqual(a1, b1, 'another app must not share placeholders');
    assert.match(String(rig.fake.requests[0]!.headers['user-agent']), /^OpenAI\//);
    assert.match(String(rig.fake.requests[2]!.headers['user-agent']), /^CursorLike\//);
  });

  it('the Anthropic SDK is another app too', async () => {
    const openaiToken = await placeholderVia(rig.openai, 0);
    await rig.anthropic.messages.create({ model: 'claude-test-model', max_tokens: 64, messages: [{ role: 'user', content: `write to ${V.email.value} today` }] });
    const body = rig.fake.requests[1]!.body.toString('utf8');
    assert.match(body, EMAIL_TOKEN);
    assert.ok(!body.includes(openaiToken));
  });
});

describe('placeholder-shaped text from the client', () => {
  /** What the client sends, and what upstream must get: each token gains one `~`; values are redacted. */
  async function shaped() {
    const minted = await placeholderVia(rig.openai, 0);
    rig.fake.reset();
    const sent = `mail ${V.email.value} = [[EMAIL_ABCDEFGH]] / [[~EMAIL_ABCDEFGH]] / ${minted} / [[not a token]] [[email_abcdefgh]] 🎉`;
    const escaped = `mail ${minted} = [[~EMAIL_ABCDEFGH]] / [[~~EMAIL_ABCDEFGH]] / ${minted.replace('[[', '[[~')} / [[not a token]] [[email_abcdefgh]] 🎉`;
    return { sent, escaped };
  }

  it('JSON: escaped upstream, returned exactly as sent (even the token this app was minted)', async () => {
    const { sent, escaped } = await shaped();
    const res = await rig.openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: sent }] });
    assert.equal((rig.fake.requests[0]!.json as { messages: { content: string }[] }).messages[0]!.content, escaped);
    assert.equal(res.choices[0]!.message.content, `echo: ${sent}`);
    assert.equal(rig.lastHeaders().get('x-aegis-redactions'), '1', 'escaping is not a redaction');
  });

  it('SSE in 1-character deltas, and inside tool-call arguments', async () => {
    const { sent, escaped } = await shaped();
    const stream = rig.openai.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: sent }] }, { headers: { 'x-fake-chunk': '1' } });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, `echo: ${sent}`);
    assert.equal((rig.fake.requests[0]!.json as { messages: { content: string }[] }).messages[0]!.content, escaped);

    const res = await rig.anthropic.messages.create(
      { model: 'claude-test-model', max_tokens: 64, messages: [{ role: 'user', content: sent }], tools: [{ name: 'note', input_schema: { type: 'object' } }] },
      { headers: { 'x-fake-scenario': 'tool-call' } },
    );
    const block = res.content[0];
    assert.ok(block?.type === 'tool_use');
    // The Anthropic SDK is its own app: the OpenAI app's token is foreign here, and still comes back as sent.
    assert.deepEqual(block.input, { echo: sent, path: '/tmp/x' });
  });
});
