// Graceful shutdown of the real CLI process: on SIGTERM/SIGINT new requests get 503, streams in
// flight finish (within the grace period), and the process exits 0.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sseEvents } from '../fake-provider/raw-client.js';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { serveChild } from '../helpers/child-gateway.js';
import { postJson, send } from '../helpers/http.js';

const TEXT = 'finish me please';

/** Opens a stream; `first` resolves at the first event, `done` with the whole text when it ends. */
function openStream(url: string, headers: Record<string, string>) {
  let text = '';
  let onFirst!: () => void;
  const first = new Promise<void>((resolve) => (onFirst = resolve));
  const done = new Promise<string>((resolve, reject) => {
    const req = request(`${url}/v1/chat/completions`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (sseEvents(text).length > 0) onFirst();
      });
      res.on('end', () => resolve(text));
      res.on('error', () => resolve(text));
      res.on('aborted', () => resolve(text));
    });
    req.on('error', (err) => (text ? resolve(text) : reject(err)));
    req.end(JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: TEXT }] }));
  });
  return { first, done };
}

function streamedText(text: string): string {
  return sseEvents(text)
    .filter((e) => e.data !== '[DONE]')
    .map((e) => (JSON.parse(e.data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '')
    .join('');
}

// Each test runs its own child gateway, so they run concurrently (most of their time is waiting).
describe('graceful shutdown', { concurrency: true }, () => {
  let fake: FakeProvider;
  before(async () => {
    fake = await startFakeProvider();
  });
  after(() => fake.close());

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} with a stream in flight: the stream completes, new requests get 503, exit code 0`, async () => {
      const child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url } });
      try {
        // 22 one-character deltas 60 ms apart, about 1.3 s of stream: time enough to make requests during the drain.
        const stream = openStream(child.url, { 'x-fake-interval-ms': '60', 'x-fake-chunk': '1' });
        await stream.first;
        child.proc.kill(signal);
        await child.waitForStderr(/shutting down/);

        const refused = await postJson(child.url, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'late' }] });
        assert.equal(refused.status, 503, refused.text);
        assert.equal(refused.headers['x-aegis-error'], 'GW_ERR_SHUTTING_DOWN');
        assert.equal((refused.json as { error: { code: string } }).error.code, 'GW_ERR_SHUTTING_DOWN');
        const anth = await postJson(child.url, '/v1/messages', { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'late' }] });
        assert.equal(anth.status, 503);
        assert.equal((anth.json as { type: string; error: { code: string } }).error.code, 'GW_ERR_SHUTTING_DOWN');
        const ready = await send(child.url, '/readyz');
        assert.equal(ready.status, 503);

        const text = await stream.done;
        assert.doesNotMatch(text, /GW_ERR_/);
        assert.match(text, /data: \[DONE\]/);
        assert.equal(streamedText(text), `echo: ${TEXT}`);
        const exit = await child.exited;
        assert.deepEqual(exit, { code: 0, signal: null });
        assert.equal(fake.requests.filter((r) => (r.json as { messages?: Array<{ content: string }> })?.messages?.[0]?.content === 'late').length, 0);
      } finally {
        await child.stop();
      }
    });
  }

  it('SIGTERM right after the listening line still exits 0 (signal handlers are in place by then)', async () => {
    for (let i = 0; i < 2; i++) {
      const child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url } });
      child.proc.kill('SIGTERM');
      const exit = await child.exited;
      await child.stop();
      assert.deepEqual(exit, { code: 0, signal: null }, `attempt ${i}`);
    }
  });

  it('a stream longer than the grace period is cut when it ends, and the exit is still 0', async () => {
    const child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url }, config: { server: { shutdownGraceMs: 300 } } });
    try {
      const stream = openStream(child.url, { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '20' });
      await stream.first;
      const signalled = performance.now();
      child.proc.kill('SIGTERM');
      const exit = await child.exited;
      const took = performance.now() - signalled;
      assert.deepEqual(exit, { code: 0, signal: null });
      assert.ok(took >= 250 && took < 5000, `exited ${Math.round(took)} ms after the signal`);
      const text = await stream.done;
      assert.doesNotMatch(text, /\[DONE\]/, 'the endless stream did not finish');
    } finally {
      await child.stop();
    }
  });

  it('a second signal during the drain exits at once with code 1', async () => {
    const child = await serveChild({ upstreams: { openai: fake.url, anthropic: fake.url } });
    try {
      const stream = openStream(child.url, { 'x-fake-scenario': 'endless-stream', 'x-fake-interval-ms': '20' });
      await stream.first;
      child.proc.kill('SIGTERM');
      await child.waitForStderr(/shutting down/);
      child.proc.kill('SIGTERM');
      const exit = await child.exited;
      assert.deepEqual(exit, { code: 1, signal: null });
      await stream.done;
    } finally {
      await child.stop();
    }
  });
});
