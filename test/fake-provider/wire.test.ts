// What goes over the wire: gzip, socket-write splitting, huge events and the tuning headers.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { after, before, beforeEach, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from './index.js';
import { rawRequest, sseEvents } from './raw-client.js';

const CHAT = { model: 'm', messages: [{ role: 'user' as const, content: 'hello gateway' }] };
const STREAM = { ...CHAT, stream: true };

function contentDeltas(sse: string): string[] {
  return sseEvents(sse)
    .filter((e) => e.data !== '[DONE]')
    .map((e) => (JSON.parse(e.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content)
    .filter((c): c is string => typeof c === 'string' && c !== '');
}

describe('fake provider: wire behaviour', () => {
  let fake: FakeProvider;
  let openai: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    openai = new OpenAI({ apiKey: 'k', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('gzip compresses JSON even when the client did not ask for it', async () => {
    const res = await rawRequest(fake.url, '/v1/chat/completions', { body: CHAT, headers: { 'x-fake-scenario': 'gzip', 'accept-encoding': 'identity' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    const body = JSON.parse(gunzipSync(res.body).toString()) as OpenAI.ChatCompletion;
    assert.equal(body.choices[0].message.content, 'echo: hello gateway');
  });

  it('gzip compresses SSE and flushes every event', async () => {
    const res = await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-scenario': 'gzip' } });
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(contentDeltas(gunzipSync(res.body).toString()).join(''), 'echo: hello gateway');
    // A stream that stalls never ends the gzip member, so what arrives must decode by flushes alone.
    const ac = new AbortController();
    const stalled = await fetch(`${fake.url}/v1/chat/completions`, {
      // Without per-event flushes nothing would decode; the timeout turns that hang into a failure.
      method: 'POST', body: JSON.stringify(STREAM), signal: AbortSignal.any([ac.signal, AbortSignal.timeout(2000)]), headers: { 'x-fake-scenario': 'gzip,stall-mid-stream' },
    });
    assert.ok(stalled.body);
    const reader = stalled.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (contentDeltas(text).length < 2) text += (await reader.read()).value ?? '';
    assert.deepEqual(contentDeltas(text), ['echo', ': he']);
    ac.abort();
  });

  it('SDKs decode gzip, JSON and streamed', async () => {
    fake.setScenario('gzip,tool-call');
    const json = await openai.chat.completions.create(CHAT);
    const call = json.choices[0].message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.deepEqual(JSON.parse(call.function.arguments), { echo: 'hello gateway', path: '/tmp/x' });
    fake.setScenario('gzip');
    const stream = await openai.chat.completions.create({ ...CHAT, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, 'echo: hello gateway');
  });

  it('x-fake-tcp-split writes the body in pieces of at most N bytes', async () => {
    // The fake controls its writes; how the kernel and the client coalesce them is not its to assert.
    const one = await rawRequest(fake.url, '/v1/anything', { body: { a: 1 }, headers: { 'x-fake-tcp-split': '1' } });
    const oneWrites = fake.requests[0]!.replyWrites;
    assert.ok(oneWrites.length > 50 && oneWrites.every((n) => n === 1));
    assert.equal(oneWrites.length, one.body.length, 'every byte was written on its own');
    assert.equal((JSON.parse(one.body.toString()) as { path: string }).path, '/v1/anything');
    const res = await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-tcp-split': '16' } });
    const writes = fake.requests[1]!.replyWrites;
    assert.ok(writes.length > 1 && writes.every((n) => n <= 16));
    assert.equal(writes.reduce((a, b) => a + b, 0), res.body.length);
    assert.equal(contentDeltas(res.body.toString()).join(''), 'echo: hello gateway');
  });

  it('huge-event sends one SSE event of several MB', async () => {
    const res = await rawRequest(fake.url, '/v1/messages', { body: { ...STREAM, max_tokens: 5 }, headers: { 'x-fake-scenario': 'huge-event' } });
    const sizes = sseEvents(res.body.toString()).map((e) => e.data.length);
    assert.equal(sizes.filter((n) => n > 4 * 1024 * 1024).length, 1);
    assert.equal(sizes.filter((n) => n > 1000).length, 1);
    const small = await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-scenario': 'huge-event', 'x-fake-huge-bytes': '100000' } });
    const deltas = contentDeltas(small.body.toString());
    assert.equal(deltas[0], 'x'.repeat(100_000));
    assert.equal(deltas.slice(1).join(''), 'echo: hello gateway');
  });

  it('x-fake-chunk sets characters per delta; x-fake-events sets the number of deltas', async () => {
    const chunk = await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-chunk': '1' } });
    assert.deepEqual(contentDeltas(chunk.body.toString()), [...'echo: hello gateway']);
    const many = await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-events': '50' } });
    const deltas = contentDeltas(many.body.toString());
    assert.equal(deltas.length, 50);
    assert.ok(deltas.join('').startsWith('echo: hello gatewayecho: hello gateway'));
    const few = await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-events': '2' } });
    assert.deepEqual(contentDeltas(few.body.toString()), ['echo: hel', 'lo gateway']);
  });

  it('x-fake-delay-ms and the delayMs option hold the headers back; x-fake-interval-ms spaces events', async () => {
    let t0 = performance.now();
    await rawRequest(fake.url, '/v1/models', { headers: { 'x-fake-delay-ms': '120' } });
    assert.ok(performance.now() - t0 >= 110);
    t0 = performance.now();
    await rawRequest(fake.url, '/v1/chat/completions', { body: STREAM, headers: { 'x-fake-interval-ms': '20' } });
    assert.ok(performance.now() - t0 >= 100);
    const slow = await startFakeProvider({ delayMs: 100 });
    t0 = performance.now();
    await rawRequest(slow.url, '/v1/models');
    assert.ok(performance.now() - t0 >= 90);
    await slow.close();
  });
});
