// The name detectors through the real gateway and a real fake provider (which echoes the last user
// text): off by default, on per detector in config, the names allowlist, code blocks left alone,
// one placeholder per person across a conversation, and exact restoration in JSON and SSE for all
// three API shapes.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';

const NAMES_ON = { scan: { enabled: ['person', 'location', 'organization'] as ('person' | 'location' | 'organization')[], namesAllowlist: ['acme corp'] } };
const TEXT = 'Ticket from Maria Kowalczyk at Globex Corp: the export fails for the team in Berlin.';
const VALUES = ['Maria Kowalczyk', 'Globex Corp', 'Berlin'];
const PLACEHOLDER = /\[\[(PERSON|LOCATION|ORGANIZATION)_[0-9A-Z]{8}\]\]/g;

const upstreamText = (fake: FakeProvider) => fake.requests.at(-1)!.body.toString('utf8');
const placeholdersOf = (s: string) => [...s.matchAll(PLACEHOLDER)].map((m) => m[0]);

function assertMasked(fake: FakeProvider): void {
  const body = upstreamText(fake);
  for (const v of VALUES) assert.ok(!body.includes(v), `${v} reached upstream`);
  assert.deepEqual([...new Set(placeholdersOf(body).map((p) => p.slice(2, p.indexOf('_'))))].sort(), ['LOCATION', 'ORGANIZATION', 'PERSON']);
}

describe('name detectors through the gateway', () => {
  let fake: FakeProvider;
  let off: TestGateway;
  let on: TestGateway;
  let openai: OpenAI;
  let anthropic: Anthropic;
  before(async () => {
    fake = await startFakeProvider();
    off = await startTestGateway(fake.url);
    on = await startTestGateway(fake.url, NAMES_ON);
    openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${on.url}/v1`, maxRetries: 0 });
    anthropic = new Anthropic({ apiKey: 'sk-ant-test', baseURL: on.url, maxRetries: 0 });
  });
  after(async () => {
    await on.close();
    await off.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('is off by default: names go upstream as written', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${off.url}/v1`, maxRetries: 0 });
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: TEXT }] });
    assert.ok(upstreamText(fake).includes('Maria Kowalczyk'));
    assert.equal(res.choices[0]!.message.content, `echo: ${TEXT}`);
  });

  it('turned on per detector: only the enabled kinds are masked', async () => {
    const personOnly = await startTestGateway(fake.url, { scan: { enabled: ['person'] } });
    try {
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${personOnly.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: TEXT }] });
      const body = upstreamText(fake);
      assert.ok(!body.includes('Maria Kowalczyk'));
      assert.ok(body.includes('Globex Corp') && body.includes('Berlin'));
    } finally {
      await personOnly.close();
    }
  });

  it('on the scan worker too (workerThresholdChars 0): masked, and linked across messages', async () => {
    const pooled = await startTestGateway(fake.url, { scan: { ...NAMES_ON.scan, workerThresholdChars: 0, workers: 1 } });
    try {
      const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${pooled.url}/v1`, maxRetries: 0 });
      const res = await client.chat.completions.create({
        model: 'm',
        messages: [{ role: 'user', content: TEXT }, { role: 'assistant', content: 'ok' }, { role: 'user', content: 'Kowalczyk agreed.' }],
      });
      const sent = (fake.requests.at(-1)!.json as { messages: { content: string }[] }).messages;
      assert.equal(sent[2]!.content, `${placeholdersOf(sent[0]!.content)[0]!} agreed.`);
      assert.equal(res.choices[0]!.message.content, 'echo: Maria Kowalczyk agreed.', 'the surname alone restores as the full name');
    } finally {
      await pooled.close();
    }
  });

  it('the names allowlist keeps a name in clear (any case); others are still masked', async () => {
    await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'Acme Corp resells for Globex Corp.' }] });
    const body = upstreamText(fake);
    assert.ok(body.includes('Acme Corp'));
    assert.ok(!body.includes('Globex Corp'));
  });

  it('skips fenced and indented code blocks, paths and identifiers', async () => {
    const content = [
      'Maria Kowalczyk pasted this:',
      '```python',
      'author = "Maria Kowalczyk"  # Berlin office',
      '```',
      '    Kowalczyk = Berlin()',
      'See src/Berlin/Maria.ts and MariaKowalczyk.handle for details.',
    ].join('\n');
    const res = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content }] });
    const sent = (fake.requests.at(-1)!.json as { messages: { content: string }[] }).messages[0]!.content;
    const lines = sent.split('\n');
    assert.match(lines[0]!, /^\[\[PERSON_[0-9A-Z]{8}\]\] pasted this:$/);
    assert.deepEqual(lines.slice(1), content.split('\n').slice(1));
    assert.equal(res.choices[0]!.message.content, `echo: ${content}`);
  });

  it('one person, one placeholder across the conversation: full name, possessive, surname alone', async () => {
    await openai.chat.completions.create({
      model: 'm',
      messages: [
        { role: 'user', content: 'Maria Kowalczyk reported the crash.' },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: "Kowalczyk said Maria's laptop runs the old build." },
      ],
    });
    const sent = (fake.requests.at(-1)!.json as { messages: { content: string }[] }).messages;
    const [p] = placeholdersOf(sent[0]!.content);
    assert.ok(p);
    assert.equal(sent[2]!.content, `${p} said ${p}'s laptop runs the old build.`);
  });

  describe('exact restoration', () => {
    it('OpenAI chat, JSON and SSE', async () => {
      const res = await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: TEXT }] });
      assertMasked(fake);
      assert.equal(res.choices[0]!.message.content, `echo: ${TEXT}`);
      const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: TEXT }] });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
      assertMasked(fake);
      assert.equal(text, `echo: ${TEXT}`);
    });

    it('OpenAI Responses, JSON and SSE', async () => {
      const res = await openai.responses.create({ model: 'm', input: TEXT });
      assertMasked(fake);
      assert.equal(res.output_text, `echo: ${TEXT}`);
      const stream = openai.responses.stream({ model: 'm', input: TEXT });
      let text = '';
      stream.on('response.output_text.delta', (e) => (text += e.delta));
      const final = await stream.finalResponse();
      assertMasked(fake);
      assert.equal(text, `echo: ${TEXT}`);
      assert.equal(final.output_text, `echo: ${TEXT}`);
    });

    it('Anthropic Messages, JSON and SSE', async () => {
      const res = await anthropic.messages.create({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: TEXT }] });
      assertMasked(fake);
      const block = res.content[0];
      assert.ok(block?.type === 'text');
      assert.equal(block.text, `echo: ${TEXT}`);
      const stream = anthropic.messages.stream({ model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: TEXT }] });
      let text = '';
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      }
      assertMasked(fake);
      assert.equal(text, `echo: ${TEXT}`);
    });
  });
});
