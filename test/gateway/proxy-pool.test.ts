// The per-origin upstream bound: `connections` in flight plus `pending` queued; beyond that the
// gateway answers 503 GW_ERR_UPSTREAM_QUEUE_FULL with Retry-After instead of queueing without end.
import assert from 'node:assert/strict';
import { request, type ClientRequest } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { postJson, type HttpResult } from '../helpers/http.js';
import { type ProxyRig, startProxyRig } from '../helpers/proxy-rig.js';
import { waitUntil } from '../helpers/wait.js';

const CHAT = { model: 'm', messages: [{ role: 'user', content: 'pool' }] };
const MESSAGES = { model: 'm', max_tokens: 4, messages: [{ role: 'user', content: 'pool' }] };

/** A request held upstream (delayed headers) until the client lets it go. */
function hold(url: string, path: string, body: object): ClientRequest {
  const req = request(`${url}${path}`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-fake-delay-ms': '20000' } });
  req.on('error', () => undefined);
  req.end(JSON.stringify(body));
  return req;
}

function queueFull(res: HttpResult, anthropic: boolean): void {
  assert.equal(res.status, 503, res.text);
  assert.equal(res.headers['x-aegis-error'], 'GW_ERR_UPSTREAM_QUEUE_FULL');
  assert.match(String(res.headers['retry-after']), /^\d+$/);
  const body = res.json as { type?: string; error: { code: string } };
  assert.equal(body.error.code, 'GW_ERR_UPSTREAM_QUEUE_FULL');
  assert.equal(body.type, anthropic ? 'error' : undefined);
}

describe('a full upstream pool (connections 1, pending 0)', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { upstream: { connections: 1, pending: 0 } } });
  });
  after(() => rig.close());
  beforeEach(() => rig.reset());

  it('answers 503 with Retry-After while one request holds the only slot, per origin', async () => {
    const held = hold(rig.url, '/v1/chat/completions', CHAT);
    try {
      await waitUntil(() => rig.openai.requests.length === 1, 'the held request to reach upstream');
      queueFull(await postJson(rig.url, '/v1/chat/completions', CHAT), false);
      queueFull(await postJson(rig.url, '/openai/v1/embeddings', { input: 'x' }), false);
      assert.equal(rig.openai.requests.length, 1, 'the refused requests never went upstream');
      // The other provider is another origin with its own slot.
      const other = await postJson(rig.url, '/v1/messages', MESSAGES);
      assert.equal(other.status, 200, other.text);
    } finally {
      held.destroy();
    }
  });

  it('anthropic routes get the 503 in anthropic shape', async () => {
    const held = hold(rig.url, '/v1/messages', MESSAGES);
    try {
      await waitUntil(() => rig.anthropic.requests.length === 1, 'the held request to reach upstream');
      queueFull(await postJson(rig.url, '/v1/messages', MESSAGES), true);
    } finally {
      held.destroy();
    }
  });

  it('the slot is released when the holder leaves, and when a request completes', async () => {
    const held = hold(rig.url, '/v1/chat/completions', CHAT);
    await waitUntil(() => rig.openai.requests.length === 1, 'the held request to reach upstream');
    held.destroy();
    await rig.openai.waitForAbort(0, 2000);
    for (let i = 0; i < 3; i++) {
      const res = await postJson(rig.url, '/v1/chat/completions', CHAT);
      assert.equal(res.status, 200, `request ${i}: ${res.text}`);
    }
    const failed = await postJson(rig.url, '/v1/chat/completions', CHAT, { 'x-fake-scenario': 'status:500' });
    assert.equal(failed.status, 500);
    const after = await postJson(rig.url, '/v1/chat/completions', CHAT);
    assert.equal(after.status, 200, 'an upstream error response releases the slot too');
  });
});

describe('a bounded queue (connections 1, pending 1)', () => {
  let rig: ProxyRig;
  before(async () => {
    rig = await startProxyRig({ config: { upstream: { connections: 1, pending: 1 } } });
  });
  after(() => rig.close());

  it('one request waits for the connection, the next is refused', async () => {
    const first = postJson(rig.url, '/v1/chat/completions', CHAT, { 'x-fake-delay-ms': '400' });
    await waitUntil(() => rig.openai.requests.length === 1, 'the first request to reach upstream');
    const second = postJson(rig.url, '/v1/chat/completions', CHAT);
    await waitUntil(() => rig.gateway.app.lifecycle.inFlight === 2, 'the second request to be in flight');
    queueFull(await postJson(rig.url, '/v1/chat/completions', CHAT), false);
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200, 'the queued request was served once the connection was free');
    assert.equal(rig.openai.requests.length, 2);
  });
});
