// Side endpoints (models, embeddings, the echo of anything else) and the server's bookkeeping.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { type FakeProvider, startFakeProvider } from './index.js';
import { rawRequest } from './raw-client.js';

describe('fake provider: other endpoints and bookkeeping', () => {
  let fake: FakeProvider;
  let openai: OpenAI;
  before(async () => {
    fake = await startFakeProvider();
    openai = new OpenAI({ apiKey: 'k', baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  it('lists models in OpenAI shape, and in Anthropic shape for Anthropic clients', async () => {
    const ids: string[] = [];
    for await (const model of openai.models.list()) ids.push(model.id);
    assert.ok(ids.includes('gpt-4o-mini'));
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: fake.url, maxRetries: 0 });
    const claude: string[] = [];
    for await (const model of anthropic.models.list()) claude.push(model.id);
    assert.ok(claude.length > 0 && claude.every((id) => id.startsWith('claude')));
  });

  it('embeds deterministically, base64 (the SDK default) and float', async () => {
    const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['same', 'same', 'other'] });
    assert.equal(res.data.length, 3);
    assert.equal(res.data[0].embedding.length, 8);
    assert.deepEqual(res.data[0].embedding, res.data[1].embedding);
    assert.notDeepEqual(res.data[0].embedding, res.data[2].embedding);
    const floats = await openai.embeddings.create({ model: 'm', input: 'same', encoding_format: 'float' });
    floats.data[0].embedding.forEach((x, i) => assert.ok(Math.abs(x - res.data[0].embedding[i]) < 1e-6));
  });

  it('echoes any other request as {method, path, headers, body}', async () => {
    const res = await rawRequest(fake.url, '/v1/files?purpose=x', { method: 'PUT', body: { name: 'a.txt' }, headers: { 'x-custom': 'yes' } });
    assert.equal(res.status, 200);
    const echo = JSON.parse(res.body.toString()) as { method: string; path: string; headers: Record<string, string>; body: string };
    assert.equal(echo.method, 'PUT');
    assert.equal(echo.path, '/v1/files?purpose=x');
    assert.equal(echo.headers['x-custom'], 'yes');
    assert.equal(echo.body, '{"name":"a.txt"}');
  });

  it('records requests in order, and reset() clears them and renumbers', async () => {
    await rawRequest(fake.url, '/a', { body: { n: 1 } });
    await rawRequest(fake.url, '/b', { method: 'GET' });
    assert.deepEqual(fake.requests.map((r) => [r.method, r.path]), [['POST', '/a'], ['GET', '/b']]);
    assert.deepEqual(fake.requests[0].json, { n: 1 });
    assert.equal(fake.requests[1].body.length, 0);
    assert.equal(fake.requests[1].json, undefined);
    assert.ok(fake.requests[0].receivedAt <= fake.requests[1].receivedAt);
    fake.reset();
    assert.equal(fake.requests.length, 0);
    await rawRequest(fake.url, '/c', { body: 'not json' });
    assert.equal(fake.requests[0].path, '/c');
    await assert.rejects(fake.waitForAbort(0, 1000), /request #0 finished/);
  });

  it('record:false keeps nothing but still answers', async () => {
    const quiet = await startFakeProvider({ record: false });
    const res = await rawRequest(quiet.url, '/v1/chat/completions', { body: { messages: [{ role: 'user', content: 'q' }] } });
    assert.equal(res.status, 200);
    assert.equal(quiet.requests.length, 0);
    await quiet.close();
  });

  it('counts open connections, and close() ends even stalled ones', async () => {
    const own = await startFakeProvider();
    const outcome = rawRequest(own.url, '/v1/chat/completions', { body: { stream: true }, headers: { 'x-fake-scenario': 'no-headers' } })
      .then(() => 'answered', () => 'failed');
    for (let i = 0; i < 100 && own.openConnections() === 0; i++) await sleep(5);
    assert.equal(own.openConnections(), 1);
    await own.close();
    assert.equal(await outcome, 'failed');
    assert.equal(own.openConnections(), 0);
  });
});
