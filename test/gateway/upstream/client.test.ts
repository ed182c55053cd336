// The upstream client's own bound: at most `connections + pending` requests per origin, released
// when each exchange ends (normally, with an error, or aborted). undici's MockAgent stands in for
// the network here only; the integration tests use real servers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { isGatewayError } from '../../../gateway/errors.js';
import type { BodySink, HeadHandler, ResponseHead } from '../../../gateway/upstream/call.js';
import { UpstreamClient, parseTarget, type UpstreamRequest } from '../../../gateway/upstream/client.js';

const A = 'http://a.test';
const B = 'http://b.test';

function mock(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

const req = (provider: 'openai' | 'anthropic', path = '/v1/x'): UpstreamRequest => ({ provider, method: 'POST', path, headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') });

/** A sink that collects the body; `head` is what onHead saw. */
function collector() {
  const got: { head?: ResponseHead; body: Buffer[]; ended: boolean; error?: string } = { body: [], ended: false };
  const onHead: HeadHandler = (head) => {
    got.head = head;
    const sink: BodySink = {
      data: (c) => void got.body.push(c),
      end: () => void (got.ended = true),
      error: (e) => void (got.error = e.code),
    };
    return sink;
  };
  return { got, onHead };
}

const queueFull = (err: unknown) => isGatewayError(err) && err.code === 'GW_ERR_UPSTREAM_QUEUE_FULL' && err.status === 503 && err.retryAfter !== undefined && err.retryAfter > 0;

describe('UpstreamClient', () => {
  it('sends to the provider origin with the base path prefixed, and relays head and body', async () => {
    const agent = mock();
    agent.get(A).intercept({ path: '/base/v1/x?q=1', method: 'POST' }).reply(201, 'hello', { headers: { 'x-up': '1' } });
    const client = new UpstreamClient(agent, { openai: parseTarget(`${A}/base/`), anthropic: parseTarget(B) }, { connections: 4, pending: 0 });
    const { got, onHead } = collector();
    await client.start(req('openai', '/v1/x?q=1'), onHead).done;
    assert.equal(got.head?.statusCode, 201);
    assert.equal(got.head?.headers['x-up'], '1');
    assert.equal(Buffer.concat(got.body).toString(), 'hello');
    assert.equal(got.ended, true);
    await agent.close();
  });

  it('bounds in-flight requests per origin at connections + pending, with Retry-After', async () => {
    const agent = mock();
    agent.get(A).intercept({ path: '/v1/x', method: 'POST' }).reply(200, 'a').delay(50).times(2);
    agent.get(B).intercept({ path: '/v1/x', method: 'POST' }).reply(200, 'b').delay(50);
    const client = new UpstreamClient(agent, { openai: parseTarget(A), anthropic: parseTarget(B) }, { connections: 1, pending: 1 });
    const first = client.start(req('openai'), collector().onHead);
    const second = client.start(req('openai'), collector().onHead);
    assert.equal(client.inFlight(), 2);
    assert.throws(() => client.start(req('openai'), collector().onHead), queueFull);
    // Another origin has its own bound.
    const other = client.start(req('anthropic'), collector().onHead);
    assert.equal(client.inFlight(), 3);
    await Promise.all([first.done, second.done, other.done]);
    assert.equal(client.inFlight(), 0);
    await agent.close();
  });

  it('releases the slot after a completed exchange, an error response and a network error', async () => {
    const agent = mock();
    const pool = agent.get(A);
    pool.intercept({ path: '/v1/x', method: 'POST' }).reply(200, 'ok');
    pool.intercept({ path: '/v1/x', method: 'POST' }).reply(500, 'boom');
    pool.intercept({ path: '/v1/x', method: 'POST' }).replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    pool.intercept({ path: '/v1/x', method: 'POST' }).reply(200, 'after');
    const client = new UpstreamClient(agent, { openai: parseTarget(A), anthropic: parseTarget(B) }, { connections: 1, pending: 0 });

    await client.start(req('openai'), collector().onHead).done;
    assert.equal(client.inFlight(), 0);
    const failed = collector();
    await client.start(req('openai'), failed.onHead).done;
    assert.equal(failed.got.head?.statusCode, 500);
    assert.equal(client.inFlight(), 0);
    await assert.rejects(client.start(req('openai'), collector().onHead).done, (err: unknown) => isGatewayError(err) && err.code === 'GW_ERR_UPSTREAM_UNREACHABLE');
    assert.equal(client.inFlight(), 0);
    const last = collector();
    await client.start(req('openai'), last.onHead).done;
    assert.equal(Buffer.concat(last.got.body).toString(), 'after');
    await agent.close();
  });

  it('releases the slot when the exchange is aborted while waiting for upstream', async () => {
    const agent = mock();
    agent.get(A).intercept({ path: '/v1/x', method: 'POST' }).reply(200, 'slow').delay(5000).times(2);
    const client = new UpstreamClient(agent, { openai: parseTarget(A), anthropic: parseTarget(B) }, { connections: 1, pending: 0 });
    const call = client.start(req('openai'), collector().onHead);
    assert.throws(() => client.start(req('openai'), collector().onHead), queueFull);
    call.abort(new Error('client left'));
    await call.done.catch(() => undefined);
    assert.equal(client.inFlight(), 0);
    const next = client.start(req('openai'), collector().onHead);
    next.abort(new Error('bye'));
    await next.done.catch(() => undefined);
    assert.equal(client.inFlight(), 0);
    await agent.close();
  });

  it('setTargets sends later requests to the new origin', async () => {
    const agent = mock();
    agent.get(B).intercept({ path: '/p/v1/x', method: 'POST' }).reply(200, 'moved');
    const client = new UpstreamClient(agent, { openai: parseTarget(A), anthropic: parseTarget(B) }, { connections: 1, pending: 0 });
    client.setTargets({ openai: parseTarget(`${B}/p`), anthropic: parseTarget(B) });
    const { got, onHead } = collector();
    await client.start(req('openai'), onHead).done;
    assert.equal(Buffer.concat(got.body).toString(), 'moved');
    await agent.close();
  });
});

describe('parseTarget', () => {
  it('splits origin and base path, trailing slashes dropped', () => {
    assert.deepEqual(parseTarget('https://api.openai.com'), { origin: 'https://api.openai.com', basePath: '' });
    assert.deepEqual(parseTarget('https://api.openai.com/'), { origin: 'https://api.openai.com', basePath: '' });
    assert.deepEqual(parseTarget('http://127.0.0.1:8080/proxy/v0//'), { origin: 'http://127.0.0.1:8080', basePath: '/proxy/v0' });
  });
});
