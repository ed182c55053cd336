// Per-client rate and concurrency limits through the real gateway: keys and apps are limited
// separately, refusals are provider-shaped 429s with Retry-After, and limit changes apply at once.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../../helpers/gateway.js';
import { postJson, send, type HttpResult } from '../../helpers/http.js';
import { waitUntil } from '../../helpers/wait.js';

const chat = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const messages = { ...chat, max_tokens: 8 };

describe('rate and concurrency limits', () => {
  let fake: FakeProvider;
  let gateway: TestGateway;
  let keyA: string;
  let keyB: string;
  const asKey = (key: string, extra: Record<string, string> = {}) => postJson(gateway.url, '/v1/chat/completions', chat, { 'x-aegis-key': key, authorization: 'Bearer sk-own', ...extra });

  before(async () => {
    fake = await startFakeProvider();
  });
  after(() => fake.close());
  afterEach(() => gateway.close());
  beforeEach(async () => {
    fake.reset();
    gateway = await startTestGateway(fake.url, { rateLimit: { requestsPerMinute: 1, burst: 3, concurrent: 100 } });
    keyA = (await gateway.store.clientKeys.create({ name: 'a', app: 'tool-a' })).key;
    keyB = (await gateway.store.clientKeys.create({ name: 'b', app: 'tool-b' })).key;
  });

  it('key A gets a provider-shaped 429 with Retry-After while key B is unaffected', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await asKey(keyA)).status, 200);
    const limited = await asKey(keyA);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['x-aegis-error'], 'GW_ERR_RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 55 && retryAfter <= 60, `Retry-After ${retryAfter} s is the time to the next token at 1/min`);
    assert.deepEqual((limited.json as { error: { code: string; type: string } }).error.code, 'GW_ERR_RATE_LIMITED');
    assert.equal((limited.json as { error: { type: string } }).error.type, 'rate_limit_error');

    for (let i = 0; i < 3; i++) assert.equal((await asKey(keyB)).status, 200, 'key B has its own bucket');
    assert.equal(fake.requests.length, 6, 'the refused request never went upstream');

    // Anthropic callers get the Anthropic error shape.
    const anth = await postJson(gateway.url, '/v1/messages', messages, { 'x-aegis-key': keyA, 'x-api-key': 'sk-ant-own' });
    assert.equal(anth.status, 429);
    assert.deepEqual(anth.json, {
      type: 'error',
      error: { type: 'rate_limit_error', message: (anth.json as { error: { message: string } }).error.message, code: 'GW_ERR_RATE_LIMITED' },
    });
  });

  it('without a client key, each app (User-Agent product) has its own bucket', async () => {
    const asApp = (ua: string) => postJson(gateway.url, '/v1/chat/completions', chat, { 'user-agent': `${ua}/1.0`, authorization: 'Bearer sk-own' });
    for (let i = 0; i < 3; i++) assert.equal((await asApp('alpha')).status, 200);
    assert.equal((await asApp('alpha')).status, 429);
    assert.equal((await asApp('beta')).status, 200);
    // A key's requests do not draw on its app's anonymous bucket, and vice versa.
    assert.equal((await asKey(keyA, { 'user-agent': 'alpha/1.0' })).status, 200);
  });

  it('caps requests in flight per client and frees the slot when the exchange ends', async () => {
    await gateway.runtime.update({ rateLimit: { requestsPerMinute: 1000, burst: 100, concurrent: 2 } });
    const held: Promise<HttpResult>[] = [asKey(keyA, { 'x-fake-delay-ms': '800' }), asKey(keyA, { 'x-fake-delay-ms': '800' })];
    await waitUntil(() => fake.requests.length === 2, 'two requests held upstream');
    const third = await asKey(keyA);
    assert.equal(third.status, 429);
    assert.equal(third.headers['x-aegis-error'], 'GW_ERR_CONCURRENCY_LIMITED');
    assert.ok(Number(third.headers['retry-after']) >= 1);
    assert.equal((await asKey(keyB)).status, 200, 'another client is not held up');
    for (const r of await Promise.all(held)) assert.equal(r.status, 200);
    assert.equal((await asKey(keyA)).status, 200, 'slots come back when the held requests finish');
  });

  it('frees the slot when the client leaves mid-request', async () => {
    await gateway.runtime.update({ rateLimit: { requestsPerMinute: 1000, burst: 100, concurrent: 1 } });
    const controller = new AbortController();
    const leaving = send(gateway.url, '/v1/chat/completions', {
      body: JSON.stringify(chat),
      headers: { 'content-type': 'application/json', 'x-aegis-key': keyA, 'x-fake-delay-ms': '10000' },
      signal: controller.signal,
    });
    const left = assert.rejects(leaving);
    await waitUntil(() => fake.requests.length === 1, 'the request reached upstream');
    assert.equal((await asKey(keyA)).status, 429);
    controller.abort();
    await left;
    // The gateway aborts upstream when it sees the client go, after releasing the client's slot.
    await fake.waitForAbort(0);
    assert.equal((await asKey(keyA)).status, 200);
  });

  it('applies limits changed at runtime on the next request, without a restart', async () => {
    assert.equal((await asKey(keyA)).status, 200);
    await gateway.runtime.update({ rateLimit: { burst: 1 } });
    assert.equal((await asKey(keyA)).status, 200, 'two tokens were left; the new burst keeps one');
    assert.equal((await asKey(keyA)).status, 429, 'the bucket is clamped to the new burst of 1');
    await gateway.runtime.update({ rateLimit: { requestsPerMinute: 6000, burst: 50 } });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await asKey(keyA)).status, 200, 'a faster rate refills within 50 ms');
  });
});
