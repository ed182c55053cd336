// Header filtering both ways: what goes upstream (each provider's allowlist only: credentials yes;
// hop-by-hop, Expect, gateway-only and unknown headers no; identity encoding and the loop header
// added) and what comes back to the client.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downstreamResponseHeaders, headerAllowlist, upstreamRequestHeaders } from '../../../gateway/upstream/headers.js';

const LOOP = 'x-aegis-hop';
const OPENAI = headerAllowlist('openai');
const ANTHROPIC = headerAllowlist('anthropic');

describe('upstreamRequestHeaders', () => {
  const incoming = {
    host: '127.0.0.1:18080',
    authorization: 'Bearer sk-1',
    'x-api-key': 'sk-ant-1',
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'a,b',
    'openai-organization': 'org-1',
    'openai-project': 'proj-1',
    'content-type': 'application/json',
    'user-agent': 'OpenAI/JS 6',
    'x-stainless-retry-count': '0',
    connection: 'keep-alive, X-Custom-Hop , other-hop',
    'keep-alive': 'timeout=5',
    'proxy-connection': 'keep-alive',
    te: 'trailers',
    trailer: 'x-sum',
    'transfer-encoding': 'chunked',
    upgrade: 'h2c',
    'proxy-authorization': 'Basic x',
    'proxy-authenticate': 'Basic',
    'x-custom-hop': 'drop me',
    'other-hop': 'drop me too',
    'content-length': '999',
    'accept-encoding': 'gzip, br',
    cookie: 'session=1',
    origin: 'http://localhost:3000',
    referer: 'http://localhost:3000/',
    'sec-fetch-mode': 'cors',
    'sec-fetch-site': 'none',
    'x-aegis-key': 'client-key',
    'x-aegis-timestamp': '1',
    'x-aegis-nonce': 'n',
    'x-aegis-signature': 's',
    expect: '100-continue',
    'content-encoding': 'gzip',
    'x-user-email': 'maria.lopez@example.com',
    'x-forwarded-for': '10.1.2.3',
  };

  /** What either provider gets of `incoming`, besides its own headers. */
  const BOTH = { 'content-type': 'application/json', 'user-agent': 'OpenAI/JS 6', 'x-stainless-retry-count': '0', 'accept-encoding': 'identity', [LOOP]: 'hop-1' };

  it('keeps the openai allowlist; drops hop-by-hop, Expect, listed, gateway-only, browser, unknown and anthropic ones', () => {
    const out = upstreamRequestHeaders(incoming, LOOP, 'hop-1', undefined, OPENAI);
    assert.deepEqual(out, {
      authorization: 'Bearer sk-1',
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
      ...BOTH,
    });
  });

  it('keeps the anthropic allowlist: its version and beta headers, not the openai ones', () => {
    const out = upstreamRequestHeaders(incoming, LOOP, 'hop-1', undefined, ANTHROPIC);
    assert.deepEqual(out, {
      authorization: 'Bearer sk-1',
      'x-api-key': 'sk-ant-1',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'a,b',
      ...BOTH,
    });
  });

  it('an allowed header the client lists in Connection is hop-by-hop and dropped', () => {
    const out = upstreamRequestHeaders({ connection: 'traceparent', traceparent: '00-abc-def-01', tracestate: 'k=v' }, LOOP, 'v', undefined, OPENAI);
    assert.equal(out.traceparent, undefined);
    assert.equal(out.tracestate, 'k=v');
  });

  it('does not change its input', () => {
    const copy = structuredClone(incoming);
    upstreamRequestHeaders(incoming, LOOP, 'v', undefined, OPENAI);
    assert.deepEqual(incoming, copy);
  });

  it('sets identity encoding and the loop header even when the client sent nothing', () => {
    assert.deepEqual(upstreamRequestHeaders({}, LOOP, 'v', undefined, OPENAI), { 'accept-encoding': 'identity', [LOOP]: 'v' });
  });

  it('a client-sent loop header is overwritten, never forwarded as is', () => {
    assert.equal(upstreamRequestHeaders({ [LOOP]: 'forged' }, LOOP, 'mine', undefined, OPENAI)[LOOP], 'mine');
  });

  it('upstream.forwardHeaders adds names and prefixes, but never hop-by-hop, Expect or framing fields', () => {
    const allow = headerAllowlist('openai', ['X-Title', 'x-helicone-*', 'expect', 'connection', 'content-length']);
    const out = upstreamRequestHeaders({ 'x-title': 'app', 'x-helicone-auth': 'h', 'x-helicone-cache': '1', 'x-other': 'no', expect: '100-continue', connection: 'keep-alive', 'content-length': '5' }, LOOP, 'v', undefined, allow);
    assert.deepEqual(out, { 'x-title': 'app', 'x-helicone-auth': 'h', 'x-helicone-cache': '1', 'accept-encoding': 'identity', [LOOP]: 'v' });
  });

  it('multi-value headers pass as arrays', () => {
    const out = upstreamRequestHeaders({ 'x-stainless-multi': ['a', 'b'] }, LOOP, 'v', undefined, OPENAI);
    assert.deepEqual(out['x-stainless-multi'], ['a', 'b']);
  });

  it('a managed credential replaces both client credential headers', () => {
    const out = upstreamRequestHeaders({ authorization: 'Bearer client', 'x-api-key': 'client' }, LOOP, 'v', { header: 'x-api-key', key: 'managed' }, ANTHROPIC);
    assert.equal(out['x-api-key'], 'managed');
    assert.equal(out.authorization, undefined);
    const bearer = upstreamRequestHeaders({ 'x-api-key': 'client' }, LOOP, 'v', { header: 'authorization', key: 'managed' }, ANTHROPIC);
    assert.equal(bearer.authorization, 'Bearer managed');
    assert.equal(bearer['x-api-key'], undefined);
  });
});

describe('downstreamResponseHeaders', () => {
  it('relays provider headers; drops hop-by-hop, listed, length, encoding and cookies', () => {
    const out = downstreamResponseHeaders({
      'content-type': 'text/event-stream',
      'retry-after': '7',
      'x-request-id': 'req_1',
      'openai-processing-ms': '12',
      'anthropic-ratelimit-requests-remaining': '99',
      connection: 'keep-alive, x-upstream-hop',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'x-upstream-hop': 'drop',
      'content-length': '10',
      'content-encoding': 'gzip',
      'set-cookie': ['a=1', 'b=2'],
      'x-missing': undefined,
    });
    assert.deepEqual(out, {
      'content-type': 'text/event-stream',
      'retry-after': '7',
      'x-request-id': 'req_1',
      'openai-processing-ms': '12',
      'anthropic-ratelimit-requests-remaining': '99',
    });
  });
});
