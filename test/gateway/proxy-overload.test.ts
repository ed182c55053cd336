// Admission at the edge (issue 16): past server.maxInFlight, or while the event loop is further
// behind than server.maxEventLoopDelayMs, a new request gets 503 GW_ERR_OVERLOADED with
// Retry-After in its provider's shape, before anything is forwarded; the admitted ones succeed.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type FakeProvider, startFakeProvider } from '../fake-provider/index.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { hostOf, postJson, rawConnect, send } from '../helpers/http.js';
import { waitUntil } from '../helpers/wait.js';

const CHAT = { model: 'm', messages: [{ role: 'user', content: 'hello' }] };
const MESSAGES = { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hello' }] };
/** Long enough that the stalled requests are surely still in flight while the extra ones arrive. */
const STALL = { 'x-fake-delay-ms': '1500' };

describe('overload: server.maxInFlight', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url, { server: { maxInFlight: 3 }, metrics: { open: true } });
  });
  after(async () => {
    await gw.close();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('refuses requests past the limit with 503 + Retry-After in the provider shape; the admitted ones succeed', async () => {
    const admitted = [0, 1, 2].map(() => postJson(gw.url, '/v1/chat/completions', CHAT, STALL));
    await waitUntil(() => fake.requests.length === 3, 'three requests at the provider');

    const [openai, anthropic] = await Promise.all([
      postJson(gw.url, '/v1/chat/completions', CHAT),
      postJson(gw.url, '/v1/messages', MESSAGES, { 'anthropic-version': '2023-06-01' }),
    ]);
    for (const r of [openai, anthropic]) {
      assert.equal(r.status, 503);
      assert.equal(r.headers['retry-after'], '1');
    }
    assert.deepEqual((openai.json as { error: { code: string; type: string } }).error.code, 'GW_ERR_OVERLOADED');
    const a = anthropic.json as { type: string; error: { type: string; code: string } };
    assert.equal(a.type, 'error');
    assert.equal(a.error.type, 'overloaded_error');
    assert.equal(a.error.code, 'GW_ERR_OVERLOADED');
    // Refused at the edge: nothing of them reached the provider.
    assert.equal(fake.requests.length, 3);

    for (const r of await Promise.all(admitted)) assert.equal(r.status, 200);
    // The slots are free again once those finished.
    assert.equal((await postJson(gw.url, '/v1/chat/completions', CHAT)).status, 200);
    // Refusals are not audited, but counted.
    const metrics = (await send(gw.url, '/metrics')).text;
    assert.match(metrics, /^aegisgate_requests_shed_total 2$/m);
  });
});

describe('overload: server.maxEventLoopDelayMs', () => {
  let fake: FakeProvider;
  let gw: TestGateway;
  before(async () => {
    fake = await startFakeProvider();
    gw = await startTestGateway(fake.url, { server: { maxEventLoopDelayMs: 100 } });
  });
  after(async () => {
    await gw.close();
    await fake.close();
  });

  it('refuses a request that arrives while the event loop is behind, and admits again once it caught up', async () => {
    // One request in flight runs the delay probe.
    const inFlight = postJson(gw.url, '/v1/chat/completions', CHAT, STALL);
    await waitUntil(() => fake.requests.length === 1, 'the first request at the provider');
    // The next request's bytes wait in the kernel while this process (the gateway's) is busy: the
    // probe's timer fires late before the request is read, exactly as under CPU overload.
    const body = JSON.stringify(CHAT);
    const late = await rawConnect(gw.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostOf(gw.url)}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
    const until = performance.now() + 400;
    while (performance.now() < until) {
      // busy: the event loop is blocked
    }
    const text = await late.until((t) => t.includes('GW_ERR_') || t.includes('"choices"'));
    assert.match(text, /^HTTP\/1\.1 503 /);
    assert.match(text, /\r\nretry-after: 1\r\n/i);
    assert.match(text, /"code":"GW_ERR_OVERLOADED"/);
    assert.equal((await inFlight).status, 200);
    // Idle again: the probe stopped with the last exchange and no stale reading refuses the next one.
    assert.equal((await postJson(gw.url, '/v1/chat/completions', CHAT)).status, 200);
  });
});
