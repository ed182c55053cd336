// Upstream failures map to gateway codes by error code, in one place: real undici errors, socket
// errors, and the same wrapped in causes or aggregated by happy-eyeballs connects.
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent, errors, request } from 'undici';
import { GatewayError, type ErrorCode } from '../../../gateway/errors.js';
import { mapUpstreamError } from '../../../gateway/upstream/errors.js';

const sys = (code: string, message = `${code} happened`) => Object.assign(new Error(message), { code });

describe('mapUpstreamError', () => {
  const cases: Array<[string, Error, ErrorCode, number]> = [
    ['ECONNREFUSED', sys('ECONNREFUSED'), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['ECONNRESET', sys('ECONNRESET'), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['EPIPE', sys('EPIPE'), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['ENOTFOUND', sys('ENOTFOUND'), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['EHOSTUNREACH', sys('EHOSTUNREACH'), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['ETIMEDOUT', sys('ETIMEDOUT'), 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT', 504],
    ['undici ConnectTimeoutError', new errors.ConnectTimeoutError(), 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT', 504],
    ['undici HeadersTimeoutError', new errors.HeadersTimeoutError(), 'GW_ERR_UPSTREAM_HEADERS_TIMEOUT', 504],
    ['undici BodyTimeoutError', new errors.BodyTimeoutError(), 'GW_ERR_UPSTREAM_BODY_TIMEOUT', 504],
    ['undici SocketError', new errors.SocketError('other side closed'), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['undici ClientClosedError', new errors.ClientClosedError(), 'GW_ERR_UPSTREAM_UNREACHABLE', 502],
    ['undici ResponseContentLengthMismatchError', new errors.ResponseContentLengthMismatchError(), 'GW_ERR_UPSTREAM_BAD_RESPONSE', 502],
    ['zlib Z_DATA_ERROR', sys('Z_DATA_ERROR'), 'GW_ERR_UPSTREAM_BAD_RESPONSE', 502],
  ];
  for (const [name, err, code, status] of cases) {
    it(`${name} → ${code} (${status})`, () => {
      const gw = mapUpstreamError(err);
      assert.equal(gw.code, code);
      assert.equal(gw.status, status);
      assert.equal(gw.cause, err, 'the original is kept as the cause, for the log');
    });
  }

  it('matches by code, never by message text', () => {
    assert.equal(mapUpstreamError(sys('ECONNRESET', 'Headers Timeout Error')).code, 'GW_ERR_UPSTREAM_UNREACHABLE');
    assert.equal(mapUpstreamError(new Error('connect ETIMEDOUT 1.2.3.4:443')).code, 'GW_ERR_UPSTREAM_UNREACHABLE', 'no code: the default');
  });

  it('finds the code in a wrapped cause', () => {
    const wrapped = new Error('fetch failed', { cause: new errors.ConnectTimeoutError() });
    assert.equal(mapUpstreamError(wrapped).code, 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT');
    const twice = new Error('outer', { cause: new Error('middle', { cause: sys('ETIMEDOUT') }) });
    assert.equal(mapUpstreamError(twice).code, 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT');
  });

  it('finds the code in an aggregated error (one per address tried)', () => {
    const agg = new AggregateError([sys('ETIMEDOUT'), sys('ECONNREFUSED')], 'all attempts failed');
    assert.equal(mapUpstreamError(agg).code, 'GW_ERR_UPSTREAM_CONNECT_TIMEOUT');
    const inCause = new Error('connect failed', { cause: new AggregateError([sys('ECONNREFUSED')]) });
    assert.equal(mapUpstreamError(inCause).code, 'GW_ERR_UPSTREAM_UNREACHABLE');
  });

  it('an unknown failure is a 502, never a 500', () => {
    const gw = mapUpstreamError(new TypeError('something odd'));
    assert.equal(gw.code, 'GW_ERR_UPSTREAM_UNREACHABLE');
    assert.equal(gw.status, 502);
    assert.equal(mapUpstreamError('a string').status, 502);
    assert.equal(mapUpstreamError(undefined).status, 502);
  });

  it('keeps a GatewayError as it is', () => {
    const own = new GatewayError('GW_ERR_STREAM_TOO_LONG');
    assert.equal(mapUpstreamError(own), own);
  });

  it('does not put the upstream address into the client-facing message', () => {
    const gw = mapUpstreamError(Object.assign(new Error('connect ECONNREFUSED 10.9.8.7:4433'), { code: 'ECONNREFUSED' }));
    assert.ok(!gw.message.includes('10.9.8.7'));
  });
});

describe('mapUpstreamError on errors undici really throws', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  before(async () => {
    silent = createServer((s) => {
      sockets.add(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('a refused connection', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const err = await request(`http://127.0.0.1:${port}/`).then(() => undefined, (e: unknown) => e);
    assert.ok(err);
    assert.equal(mapUpstreamError(err).code, 'GW_ERR_UPSTREAM_UNREACHABLE');
  });

  it('a server that never answers, with a short headers timeout', async () => {
    const agent = new Agent({ headersTimeout: 100 });
    try {
      const { port } = silent.address() as { port: number };
      const err = await request(`http://127.0.0.1:${port}/`, { dispatcher: agent }).then(() => undefined, (e: unknown) => e);
      assert.equal(mapUpstreamError(err).code, 'GW_ERR_UPSTREAM_HEADERS_TIMEOUT');
    } finally {
      await agent.destroy();
    }
  });

  it('a connection reset before the response', async () => {
    const rude = createServer((s) => s.resetAndDestroy());
    await new Promise<void>((resolve) => rude.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = rude.address() as { port: number };
      const err = await request(`http://127.0.0.1:${port}/`).then(() => undefined, (e: unknown) => e);
      assert.equal(mapUpstreamError(err).code, 'GW_ERR_UPSTREAM_UNREACHABLE');
    } finally {
      await new Promise<void>((resolve) => rude.close(() => resolve()));
    }
  });
});
