// Header filtering both ways: what goes upstream (credentials yes, hop-by-hop and gateway-only no,
// identity encoding and the loop header added) and what comes back to the client.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { downstreamResponseHeaders, upstreamRequestHeaders } from '../../../gateway/upstream/headers.js';

const LOOP = 'x-aegis-hop';

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
  };

  it('keeps credentials, provider and ordinary headers; drops hop-by-hop, listed, gateway-only and browser ones', () => {
    const out = upstreamRequestHeaders(incoming, LOOP, 'hop-1');
    assert.deepEqual(out, {
      authorization: 'Bearer sk-1',
      'x-api-key': 'sk-ant-1',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'a,b',
      'openai-organization': 'org-1',
      'openai-project': 'proj-1',
      'content-type': 'application/json',
      'user-agent': 'OpenAI/JS 6',
      'x-stainless-retry-count': '0',
      'accept-encoding': 'identity',
      [LOOP]: 'hop-1',
    });
  });

  it('does not change its input', () => {
    const copy = structuredClone(incoming);
    upstreamRequestHeaders(incoming, LOOP, 'v');
    assert.deepEqual(incoming, copy);
  });

  it('sets identity encoding and the loop header even when the client sent nothing', () => {
    assert.deepEqual(upstreamRequestHeaders({}, LOOP, 'v'), { 'accept-encoding': 'identity', [LOOP]: 'v' });
  });

  it('a client-sent loop header is overwritten, never forwarded as is', () => {
    assert.equal(upstreamRequestHeaders({ [LOOP]: 'forged' }, LOOP, 'mine')[LOOP], 'mine');
  });

  it('multi-value headers pass as arrays', () => {
    const out = upstreamRequestHeaders({ 'x-multi': ['a', 'b'] }, LOOP, 'v');
    assert.deepEqual(out['x-multi'], ['a', 'b']);
  });

  it('a managed credential replaces both client credential headers', () => {
    const out = upstreamRequestHeaders({ authorization: 'Bearer client', 'x-api-key': 'client' }, LOOP, 'v', { header: 'x-api-key', value: 'managed' });
    assert.equal(out['x-api-key'], 'managed');
    assert.equal(out.authorization, undefined);
    const bearer = upstreamRequestHeaders({ 'x-api-key': 'client' }, LOOP, 'v', { header: 'authorization', value: 'Bearer managed' });
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
