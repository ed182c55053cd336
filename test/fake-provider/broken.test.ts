// Connections that go wrong: resets, stalls, silence, endless streams, and noticing client aborts.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from './index.js';

const STREAM = { model: 'm', stream: true, messages: [{ role: 'user', content: 'a longer message to stream' }] };

/** Reads a streamed body until `enough` says so; returns the text and the still-open reader. */
async function readUntil(res: Response, enough: (text: string) => boolean) {
  assert.ok(res.body);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!enough(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

function post(url: string, body: unknown, scenario: string, signal?: AbortSignal, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST', body: JSON.stringify(body), signal,
    headers: { 'content-type': 'application/json', 'x-fake-scenario': scenario, ...extra },
  });
}

describe('fake provider: broken connections', () => {
  let fake: FakeProvider;
  let openai: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    openai = new OpenAI({ apiKey: 'k', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('reset-mid-stream delivers some deltas, then the client errors; that is no client abort', async () => {
    fake.setScenario('reset-mid-stream');
    const deltas: string[] = [];
    await assert.rejects(async () => {
      const stream = await openai.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content: 'abcdefghijkl' }] });
      for await (const chunk of stream) deltas.push(chunk.choices[0]?.delta.content ?? '');
    });
    assert.deepEqual(deltas.filter(Boolean), ['echo', ': ab']);
    await assert.rejects(fake.waitForAbort(0, 1000), /finished without an early close/);
  });

  it('reset-mid-stream on a JSON reply fails the client too', async () => {
    await assert.rejects(openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }, { headers: { 'x-fake-scenario': 'reset-mid-stream' } }));
  });

  it('stall-mid-stream goes silent after some events; the client abort is seen', async () => {
    const ac = new AbortController();
    const res = await post(fake.url, STREAM, 'stall-mid-stream', ac.signal, { 'x-fake-fail-after': '3' });
    const { text, reader } = await readUntil(res, (t) => (t.match(/"content":"[^"]/g) ?? []).length >= 3);
    const next = await Promise.race([reader.read().then(() => 'data'), sleep(300).then(() => 'silence')]);
    assert.equal(next, 'silence');
    assert.ok(!text.includes('[DONE]'));
    const abortedAt = performance.now();
    ac.abort();
    const seen = await fake.waitForAbort(0, 2000);
    assert.ok(seen >= abortedAt);
  });

  it('stall-mid-stream on a JSON reply sends the headers and half the body, then nothing', async () => {
    const ac = new AbortController();
    const res = await post(fake.url, { model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'stall-mid-stream', ac.signal);
    assert.equal(res.status, 200);
    const length = Number(res.headers.get('content-length'));
    const { text, reader } = await readUntil(res, (t) => t.length >= Math.floor(length / 2));
    assert.equal(text.length, Math.floor(length / 2));
    const next = await Promise.race([reader.read().then(() => 'data'), sleep(200).then(() => 'silence')]);
    assert.equal(next, 'silence');
    ac.abort();
    await fake.waitForAbort(0, 2000);
  });

  it('no-headers never answers; waitForAbort() without n catches the abort', async () => {
    const waiting = fake.waitForAbort(undefined, 2000);
    await assert.rejects(post(fake.url, STREAM, 'no-headers', AbortSignal.timeout(200)), { name: 'TimeoutError' });
    assert.equal(typeof (await waiting), 'number');
    assert.equal(fake.requests.length, 1);
  });

  it('endless-stream keeps sending until the client leaves, then closes the connection', async () => {
    // Its own server and node:http without an agent: no pooled idle connections blur the count.
    const own = await startFakeProvider();
    const content = await new Promise<string>((resolve, reject) => {
      const req = request(`${own.url}/v1/chat/completions`, {
        method: 'POST', agent: false, headers: { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '2' },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
          const parts = [...text.matchAll(/"content":"([^"]*)"/g)].map((m) => m[1]);
          if (parts.length >= 40) {
            req.destroy();
            resolve(parts.join(''));
          }
        });
      });
      req.on('error', reject);
      req.end(JSON.stringify(STREAM));
    });
    assert.ok(content.startsWith('echo: a longer message to streamecho: a longer'));
    await own.waitForAbort(0, 2000);
    for (let i = 0; i < 50 && own.openConnections() > 0; i++) await sleep(10);
    assert.equal(own.openConnections(), 0);
    await own.close();
  });

  it('the Anthropic SDK aborting a stalled stream is seen', async () => {
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
    fake.setScenario('stall-mid-stream');
    const stream = anthropic.messages.stream({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'hello there' }] });
    let text = '';
    stream.on('text', (t) => (text += t));
    stream.on('abort', () => {});
    stream.on('error', () => {});
    while (text.length < 8) await sleep(5);
    stream.abort();
    assert.equal(typeof (await fake.waitForAbort(0, 2000)), 'number');
    assert.equal(text, 'echo: he');
  });

  it('waitForAbort fails fast for a request that finished and times out when none aborts', async () => {
    await openai.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    await assert.rejects(fake.waitForAbort(0, 5000), /request #0 finished/);
    await assert.rejects(fake.waitForAbort(1, 50), /within 50 ms/);
  });
});
